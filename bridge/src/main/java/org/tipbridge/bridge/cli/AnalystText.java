// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Text an analyst writes (a reply, a note), checked before anything is sealed: valid UTF-8, not
 * blank, at most {@code maxBytes} bytes, line ends normalised to {@code \n}. Refusals name the
 * kind of text ({@code noun}) and never quote it.
 */
final class AnalystText {
    /** {@code --file -}: the text comes from standard input, so it is in neither shell history nor the process list. */
    static final Path STANDARD_INPUT = Path.of("-");

    private final String noun;
    private final int maxBytes;

    AnalystText(String noun, int maxBytes) {
        this.noun = noun;
        this.maxBytes = maxBytes;
    }

    /** The text given with {@code --message}. */
    String fromMessage(String message) {
        return checked(message);
    }

    /**
     * The text of {@code --file}, which must hold UTF-8 (a leading byte order mark is dropped);
     * {@code -} reads standard input to its end.
     */
    String fromFile(Path file) {
        boolean stdin = file.equals(STANDARD_INPUT);
        byte[] bytes = stdin ? readStandardInput() : readBounded(file);
        try {
            String text = strictUtf8().decode(ByteBuffer.wrap(bytes)).toString();
            return checked(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            throw new CliFailure.Usage((stdin ? "standard input" : file.toString())
                    + " is not valid UTF-8 text; save it as UTF-8 (no other encoding) and try again");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The UTF-8 bytes of checked text; the caller zeroes them after use. */
    byte[] utf8(String text) {
        CharsetEncoder encoder = StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer encoded = encoder.encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
            return bytes;
        } catch (CharacterCodingException e) {
            throw new CliFailure.Usage(
                    "the " + noun + " holds characters that are not valid Unicode; remove them and try again");
        }
    }

    private String checked(String text) {
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        if (normalised.isBlank()) {
            throw new CliFailure.Usage("the " + noun
                    + " is empty; give its text with --file F, --file - (standard input)" + " or --message TEXT");
        }
        byte[] bytes = utf8(normalised);
        int size = bytes.length;
        Arrays.fill(bytes, (byte) 0);
        if (size > maxBytes) {
            throw tooLong();
        }
        return normalised;
    }

    /** Standard input, left open; at a terminal the analyst is told how to end the text. */
    private byte[] readStandardInput() {
        if (System.console() != null) {
            System.err.println("Type the " + noun + ", then press Ctrl-D at the start of a line.");
        }
        try {
            return bounded(System.in);
        } catch (IOException e) {
            throw new CliFailure.Other(
                    "cannot read standard input (" + e.getClass().getSimpleName() + ")");
        }
    }

    private byte[] readBounded(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return bounded(in);
        } catch (NoSuchFileException e) {
            throw new CliFailure.NotFound("no such file: " + file);
        } catch (IOException e) {
            throw new CliFailure.Other(
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private byte[] bounded(InputStream in) throws IOException {
        // CRLF can at most halve in size when normalised, so more than twice the limit is too long anyway.
        int maxFileBytes = 2 * maxBytes;
        byte[] bytes = in.readNBytes(maxFileBytes + 1);
        if (bytes.length > maxFileBytes) {
            Arrays.fill(bytes, (byte) 0);
            throw tooLong();
        }
        return bytes;
    }

    private CliFailure tooLong() {
        return new CliFailure.Usage("the " + noun + " is longer than " + maxBytes + " bytes of UTF-8 text ("
                + maxBytes / 1024 + " KiB); shorten it and try again");
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
