// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each encoding the scanner claims to see, made by an independent encoder, is caught; nothing else is. */
class LeakScannerTest {
    private static final String ADDRESS = "jane.source@example.net";
    private static final String NAME = "Jörg Quellé";

    private static LeakScanner scanner() {
        return new LeakScanner().identifier(ADDRESS).identifier(NAME);
    }

    private static void caught(String what, byte[] haystack) {
        assertThat(scanner().scan(what, haystack)).as(what).isNotEmpty();
    }

    private static void caught(String what, String haystack) {
        caught(what, haystack.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void catchesTheIdentifierAsIsAndInEitherCase() {
        caught("as is", "From: " + ADDRESS + "\r\n");
        caught("upper", "FROM: " + ADDRESS.toUpperCase(Locale.ROOT));
        caught("lower", "from: " + NAME.toLowerCase(Locale.ROOT));
    }

    @Test
    void catchesUrlEncodingInBothHexCases() {
        caught("url", "https://x.example/?q=" + URLEncoder.encode(NAME, StandardCharsets.UTF_8));
        caught("url lower hex", "?q=jane.source%40example.net");
        caught("url %20", "?q=J%C3%B6rg%20Quell%C3%A9");
        caught("url lower-case hex of non-ASCII", "?q=J%c3%b6rg+Quell%c3%a9");
    }

    @Test
    void catchesQuotedPrintableFromJakartaMail() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream qp = MimeUtility.encode(bytes, "quoted-printable")) {
            qp.write(("Written by " + NAME + " <" + ADDRESS + ">\r\n").getBytes(StandardCharsets.UTF_8));
        }
        caught("quoted-printable", bytes.toByteArray());
        caught("quoted-printable, lower hex", "J=c3=b6rg Quell=c3=a9");
    }

    @Test
    void catchesRfc2047EncodedWordsInQAndBAtEveryOffset() throws Exception {
        caught("Q text", MimeUtility.encodeText(NAME, "UTF-8", "Q"));
        caught("Q phrase", MimeUtility.encodeWord(ADDRESS, "UTF-8", "Q"));
        caught("Q address", MimeUtility.encodeText("To " + ADDRESS, "UTF-8", "Q"));
        for (String prefix : new String[] {"", "a", "ab", "abc"}) {
            caught("B after " + prefix.length(), MimeUtility.encodeText(prefix + NAME, "UTF-8", "B"));
            caught("B address after " + prefix.length(), MimeUtility.encodeWord(prefix + ADDRESS, "UTF-8", "B"));
        }
    }

    @Test
    void catchesBase64AtEveryAlignmentAndAcrossLineBreaks() {
        for (int offset = 0; offset < 80; offset++) {
            byte[] text = ("x".repeat(offset) + ADDRESS + " and more text after it").getBytes(StandardCharsets.UTF_8);
            caught("mime base64 at " + offset, Base64.getMimeEncoder().encode(text));
            caught("url-safe base64 at " + offset, Base64.getUrlEncoder().encode(text));
        }
    }

    @Test
    void catchesJsonEscapedNonAscii() throws Exception {
        JsonMapper escaping =
                JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
        caught("json ascii-escaped", escaping.writeValueAsString(java.util.Map.of("name", NAME)));
        caught("json lower-case escapes", "{\"name\":\"J\\u00f6rg Quell\\u00e9\"}");
        caught("json escaped slash", "{\"a\":\"" + ADDRESS + "\"}");
    }

    @Test
    void catchesFingerprintsAndKeyIdsInHexRawAndGrouped() {
        String fpr = "5C2A1F3B9D8E7A6B4C3D2E1F0A9B8C7D6E5F4A3B";
        byte[] raw = HexFormat.of().parseHex(fpr);
        LeakScanner scanner = new LeakScanner().fingerprint(fpr);
        assertThat(scanner.scanText("upper", "Fingerprint: " + fpr)).isNotEmpty();
        assertThat(scanner.scanText("lower", "fpr " + fpr.toLowerCase(Locale.ROOT)))
                .isNotEmpty();
        assertThat(scanner.scanText("grouped", "5C2A 1F3B 9D8E 7A6B 4C3D  2E1F 0A9B 8C7D 6E5F 4A3B"))
                .as("gpg prints two halves with two spaces: the key id half is still caught")
                .isNotEmpty();
        assertThat(scanner.scanText("key id", "issuer 0x" + fpr.substring(24).toLowerCase(Locale.ROOT)))
                .isNotEmpty();
        byte[] packet = new byte[40];
        System.arraycopy(raw, 12, packet, 7, 8);
        assertThat(scanner.scan("raw key id in a packet", packet)).isNotEmpty();
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[40];
            System.arraycopy(raw, 12, shifted, 7 + offset, 8);
            assertThat(scanner.scan("raw key id in Base64", Base64.getEncoder().encode(shifted)))
                    .as("an armored signature names its issuer")
                    .isNotEmpty();
        }
    }

    @Test
    void findsNothingInUnrelatedOrRandomBytes(@TempDir Path tmp) throws Exception {
        assertThat(scanner().scanText("other", "From: john.other@example.org, Jorg Quelle, jane.source@example.com"))
                .isEmpty();
        byte[] random = new byte[4 << 20];
        new Random(7).nextBytes(random);
        Path file = Files.write(tmp.resolve("random.bin"), random);
        Files.write(tmp.resolve("random.asc"), Base64.getMimeEncoder().encode(random));
        assertThat(scanner()
                        .fingerprint("5C2A1F3B9D8E7A6B4C3D2E1F0A9B8C7D6E5F4A3B")
                        .scanTree(tmp))
                .isEmpty();
        assertThat(Files.size(file)).isEqualTo(random.length);
    }

    @Test
    void scansFilesLargerThanItsBuffersAcrossBufferBoundaries(@TempDir Path tmp) throws Exception {
        byte[] big = new byte[(256 * 1024) * 3];
        byte[] id = ADDRESS.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, big, 256 * 1024 - 5, id.length);
        Files.write(tmp.resolve("big.bin"), big);
        assertThat(scanner().scanTree(tmp)).containsExactly(ADDRESS + " in big.bin");
    }
}
