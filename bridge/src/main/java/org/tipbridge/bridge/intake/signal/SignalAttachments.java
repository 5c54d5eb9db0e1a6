// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.intake.mail.AttachmentName;
import org.tipbridge.bridge.pipeline.AttachmentSealer;
import org.tipbridge.bridge.pipeline.SealedAttachment;
import org.tipbridge.signal.SignalEnvelope;

/**
 * Seals the attachments of a Signal message from signal-cli's {@code --config} directory
 * ({@code <dataDir>/attachments/<id>}), streaming, within a size limit. The files are deleted only
 * by {@link #delete} once the record that references the sealed copies is committed. An attachment
 * whose file is not there is asked of signal-cli through an {@link AttachmentFetcher}, if any.
 */
public final class SignalAttachments {
    private static final Logger LOG = LoggerFactory.getLogger(SignalAttachments.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}");
    private static final int BUFFER = 64 * 1024;
    /** The largest attachment asked of signal-cli: its base64 answer is one line held in memory. */
    static final long FETCH_MAX = 24L << 20;

    private final Path attachmentsDir;
    private final AttachmentSealer sealer;
    private final long maxBytes;
    private final AttachmentFetcher fetcher;

    public SignalAttachments(Path dataDir, AttachmentSealer sealer, long maxBytes) {
        this(dataDir, sealer, maxBytes, AttachmentFetcher.NONE);
    }

    public SignalAttachments(Path dataDir, AttachmentSealer sealer, long maxBytes, AttachmentFetcher fetcher) {
        this.fetcher = fetcher;
        this.attachmentsDir = dataDir.resolve("attachments");
        this.sealer = sealer;
        this.maxBytes = maxBytes;
    }

    /** What sealing gave: the sealed attachments, the source files to delete after the commit, and notes. */
    public record Sealed(List<SealedAttachment> attachments, List<Path> files, List<String> notes) {}

    /** Too large an attachment: the message goes to quarantine. */
    public static final class TooLarge extends Exception {
        TooLarge() {
            super("attachment over the size limit", null, false, false);
        }
    }

    /** Seals each attachment of a message from {@code sourceAci} (used only to ask signal-cli for a missing file). */
    public Sealed seal(List<SignalEnvelope.Attachment> attachments, Optional<String> sourceAci)
            throws IOException, TooLarge {
        List<SealedAttachment> sealed = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (SignalEnvelope.Attachment a : attachments) {
            Path file = file(a.id());
            if (file != null && Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    sealed.add(sealOne(a, in, sealed.size() + 1));
                }
                files.add(file);
                continue;
            }
            Optional<byte[]> fetched =
                    file == null || sourceAci.isEmpty() ? Optional.empty() : fetch(a, sourceAci.get());
            if (fetched.isEmpty()) {
                notes.add("an attachment could not be read from signal-cli and is missing");
                continue;
            }
            try (InputStream in = new ByteArrayInputStream(fetched.get())) {
                sealed.add(sealOne(a, in, sealed.size() + 1));
            } finally {
                Arrays.fill(fetched.get(), (byte) 0);
            }
        }
        return new Sealed(sealed, files, notes);
    }

    /**
     * Asks signal-cli for an attachment whose file is not here. Refused up front when its declared
     * size is over the limit or over {@link #FETCH_MAX} (the answer is held in memory); empty when
     * signal-cli does not have it; an IOException (signal-cli unreachable) keeps the tip in the spool.
     */
    private Optional<byte[]> fetch(SignalEnvelope.Attachment a, String sourceAci) throws IOException, TooLarge {
        if (a.size().isPresent() && a.size().getAsLong() > maxBytes) {
            throw new TooLarge();
        }
        if (a.size().isPresent() && a.size().getAsLong() > FETCH_MAX) {
            return Optional.empty();
        }
        Optional<byte[]> bytes = fetcher.fetch(a.id(), sourceAci);
        if (bytes.isPresent()) {
            LOG.warn(
                    "an attachment was not in {} and was fetched from signal-cli over JSON-RPC; signal-cli's"
                            + " copy stays on its side (set [signal] data_dir to signal-cli's --config directory)",
                    attachmentsDir);
        }
        return bytes;
    }

    /** Deletes the files of attachments that will not be sealed (a group message, a refused one). */
    public void deleteUnused(List<SignalEnvelope.Attachment> unused) {
        List<Path> files = new ArrayList<>();
        for (SignalEnvelope.Attachment a : unused) {
            Path file = file(a.id());
            if (file != null) {
                files.add(file);
            }
        }
        delete(files);
    }

    /** Deletes the source files after the commit; a failure is logged, never thrown. */
    public void delete(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("an attachment file of signal-cli could not be deleted", e);
            }
        }
    }

    private SealedAttachment sealOne(SignalEnvelope.Attachment a, InputStream in, int ordinal)
            throws IOException, TooLarge {
        String type =
                a.contentType().map(t -> t.strip().toLowerCase(Locale.ROOT)).orElse("application/octet-stream");
        AttachmentSealer.Sealing sealing = sealer.begin();
        try {
            OutputStream out = sealing.plaintext();
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new TooLarge();
                }
                out.write(buffer, 0, n);
            }
            AttachmentSealer.SealedBlob blob = sealing.finish();
            return new SealedAttachment(
                    AttachmentName.of(a.filename(), type, ordinal),
                    type,
                    blob.plaintextSize(),
                    blob.blob(),
                    blob.scrubbed());
        } catch (IOException | TooLarge | RuntimeException e) {
            sealing.abandon();
            throw e;
        }
    }

    /** The file of an attachment id; null for an id that is not a plain file name. */
    private Path file(String id) {
        if (!ID.matcher(id).matches()) {
            return null;
        }
        return attachmentsDir.resolve(id);
    }
}
