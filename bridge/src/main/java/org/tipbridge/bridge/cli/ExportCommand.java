// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tipbridge.bridge.pipeline.RecordDocument;
import org.tipbridge.bridge.store.AuditLog;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.Storage;
import org.tipbridge.bridge.store.StoredRecord;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tipbridge queue export ID --out DIR [--originals]}: the tip's text, its cleaned
 * attachments and a findings report, decrypted with the analyst's key into DIR. With {@code
 * --originals}, the untouched originals and the values of what was found go into {@code
 * DIR/originals/}, and the audit log records that this record's originals were opened.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Write a tip, its cleaned attachments and a findings report into a directory.")
final class ExportCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    HomeOption homeOption;

    @Mixin
    AnalystKeyOptions keyOptions;

    @Parameters(paramLabel = "ID")
    long id;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Export directory (created if missing).")
    Path out;

    @Option(
            names = "--originals",
            description = "Also write the untouched originals, with what was found in them, into DIR/originals/;"
                    + " recorded in the audit log.")
    boolean originals;

    @Option(names = "--json")
    boolean json;

    @Override
    public void run() {
        TipbridgeConfig config = homeOption.config();
        StoredRecord record = QueueCommand.load(config, id);
        OpenPgp pgp = OpenPgp.create();
        List<Path> written = new ArrayList<>();
        try (SecretKey key = keyOptions.unlock(pgp);
                TerminalProgress progress = TerminalProgress.forStderr();
                Storage storage = Storage.open(config.store(), Clock.systemUTC())) {
            RecordDocument doc = new RecordOpener(pgp).open(record.sealedRecord(), key);
            BlobExporter blobs = new BlobExporter(pgp, storage.blobs(), key, progress);
            Path dir = directory(out);
            // The export's own files first, so that no attachment can take their names.
            written.add(ExportFiles.writeText(dir, "tip-" + id + ".txt", TipText.of(id, doc)));
            written.add(ExportFiles.writeText(dir, "findings.txt", TipText.findings(doc)));
            Path originalsDir = originals ? directory(dir.resolve("originals")) : null;
            written.addAll(cleaned(blobs, dir, doc));
            if (originals) {
                audit(config);
                written.addAll(originals(blobs, originalsDir, doc));
            }
        } catch (IOException e) {
            throw new CliFailure.Other(
                    "cannot write the export into " + out + " (" + e.getClass().getSimpleName() + ")");
        }
        report(written);
    }

    private List<Path> cleaned(BlobExporter blobs, Path dir, RecordDocument doc) throws IOException {
        List<Path> files = new ArrayList<>();
        List<RecordDocument.Attachment> attachments = doc.attachments();
        for (int i = 0; i < attachments.size(); i++) {
            RecordDocument.Attachment a = attachments.get(i);
            String state = RecordView.cleanedState(a);
            if (state.equals("no")) {
                continue;
            }
            String blob = state.equals("unknown") ? a.blob() : a.cleaned();
            Path file = ExportFiles.createNew(dir, ExportFiles.safeName(a.name(), "attachment-" + (i + 1)));
            blobs.export(blob, file);
            files.add(file);
        }
        return files;
    }

    private List<Path> originals(BlobExporter blobs, Path dir, RecordDocument doc) throws IOException {
        List<Path> files = new ArrayList<>();
        StringBuilder values = new StringBuilder();
        List<RecordDocument.Attachment> attachments = doc.attachments();
        for (int i = 0; i < attachments.size(); i++) {
            RecordDocument.Attachment a = attachments.get(i);
            Path file = ExportFiles.createNew(dir, ExportFiles.safeName(a.name(), "attachment-" + (i + 1)));
            blobs.export(a.blob(), file);
            files.add(file);
            values.append(file.getFileName()).append('\n');
            if (a.findingValues() != null) {
                for (JsonNode f :
                        JSON.readTree(blobs.read(a.findingValues(), 1 << 20)).path("findings")) {
                    String value = f.path("value").asText("");
                    values.append("  ")
                            .append(f.path("what").asText())
                            .append(value.isEmpty() ? "" : " " + value)
                            .append(" - ")
                            .append(f.path("action").asText())
                            .append('\n');
                }
            }
        }
        files.add(ExportFiles.writeText(dir, "findings-with-values.txt", values.toString()));
        return files;
    }

    private void audit(TipbridgeConfig config) {
        try (RecordStore store = RecordStore.open(config.store())) {
            store.audit()
                    .append(new AuditLog.Event(
                            Actor.current(), AuditLog.ORIGINALS_OPENED, java.util.Optional.empty(), id, Instant.now()));
        }
    }

    /** The directory, created if missing; a symbolic link is refused (originals must not land elsewhere). */
    private static Path directory(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new CliFailure.Usage(dir + " is a symbolic link; export into a plain directory");
        }
        Files.createDirectories(dir);
        return dir.toRealPath();
    }

    private void report(List<Path> written) {
        Output output = new Output(System.out);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("record", id);
            m.put("out", out.toAbsolutePath().toString());
            m.put("files", written.stream().map(Path::toString).toList());
            m.put("originals", originals);
            output.json(m);
            return;
        }
        output.text("Wrote " + written.size() + " file(s) into " + out.toAbsolutePath() + ":");
        written.forEach(p -> output.text("  " + p));
        if (originals) {
            output.text("The originals are untouched: they may identify the source. The audit log records that they"
                    + " were opened.");
        }
    }
}
