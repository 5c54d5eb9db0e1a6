// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.ByteSequence;

/** Reads header field values from their raw bytes: UTF-8 when valid (RFC 6532), else ISO-8859-1; unfolded. */
final class HeaderText {
    private HeaderText() {}

    /** The unfolded value after the colon, trimmed. */
    static String value(Field field) {
        ByteSequence raw = field.getRaw();
        if (raw == null) {
            return unfold(field.getBody() == null ? "" : field.getBody());
        }
        String whole = bytesToText(raw.toByteArray());
        int colon = whole.indexOf(':');
        return unfold(colon < 0 ? "" : whole.substring(colon + 1));
    }

    /** Decodes RFC 2047 encoded words leniently; malformed words stay as they were. */
    static String decodeWords(String value) {
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }

    /** Re-reads a string whose chars are all below 256 as UTF-8 bytes, when they form valid UTF-8. */
    static String repairUtf8(String value) {
        if (value.chars().anyMatch(c -> c > 0xff) || value.chars().allMatch(c -> c < 0x80)) {
            return value;
        }
        return bytesToText(value.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String bytesToText(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static String unfold(String value) {
        return value.replaceAll("\\r?\\n(?=[ \\t])", "")
                .replaceAll("[\\r\\n]", "")
                .strip();
    }
}
