// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Normal tips whose every header or envelope field identifies the sender, and whose content does
 * not: e-mail with the headers a real mail picks up on its way (some encrypted and signed by the
 * source's own key, which is attached and announced in an Autocrypt header), and Signal envelopes
 * with number, ACI, profile name and device. Subjects, bodies and attachment names carry terminal
 * escape sequences and bidi overrides. Each tip lists the identifiers that must never show up.
 */
public final class IdentifierRichCorpus {
    /** ANSI CSI (clear screen, colour), OSC (window title, ended by BEL) and a right-to-left override. */
    public static final String HOSTILE_TEXT = "\u001b[2J\u001b[31mred\u001b[0m \u001b]0;owned\u0007 \u202Eexe.txt\u202C"
            + " \u2066iso\u2069 \u200F\u061C\u009B1m\u007F";

    private IdentifierRichCorpus() {}

    /** One tip as it is submitted, and the identifiers (and key fingerprints) it carries outside its content. */
    public record Tip(String sender, byte[] bytes, List<String> identifiers, List<String> fingerprints) {}

    /** {@code count} e-mail tips; every third one encrypted to the bridge and signed with the source's attached key. */
    public static List<Tip> mails(Gpg gpg, String bridgeRecipient, int count) throws IOException {
        List<Tip> tips = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String seed = seed("m", i);
            tips.add(i % 3 == 2 ? signedMail(gpg, bridgeRecipient, seed) : plainMail(seed, i));
        }
        return tips;
    }

    /** {@code count} Signal tips ({@code {envelope, account}} JSON), one sender each. */
    public static List<Tip> signal(int count) {
        List<Tip> tips = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String seed = seed("s", i);
            String number = "+2547" + (10_000_000 + Math.abs(seed.hashCode()) % 89_999_999);
            String aci = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8))
                    .toString();
            String profile = "Njeri Wambüi " + seed;
            long timestamp = 1_767_300_000_000L + 7_919L * (i + 1) * 1_000L + 337L * i;
            String json = "{\"envelope\":{\"source\":\"" + number + "\",\"sourceNumber\":\"" + number
                    + "\",\"sourceUuid\":\"" + aci + "\",\"sourceName\":\"" + profile + "\",\"sourceDevice\":"
                    + (i + 2) + ",\"timestamp\":" + timestamp + ",\"serverReceivedTimestamp\":" + (timestamp + 411)
                    + ",\"serverDeliveredTimestamp\":" + (timestamp + 1093) + ",\"dataMessage\":{\"timestamp\":"
                    + timestamp + ",\"message\":\"Charcoal kilns behind the ridge, tip " + i + " "
                    + jsonEscaped(HOSTILE_TEXT) + "\",\"expiresInSeconds\":0,\"viewOnce\":false}},"
                    + "\"account\":\"+254712345678\"}";
            List<String> ids = List.of(
                    number,
                    number.substring(1),
                    aci,
                    aci.replace("-", ""),
                    profile,
                    seed,
                    Long.toString(timestamp),
                    Long.toString(timestamp / 1000),
                    Long.toString(timestamp + 411),
                    Long.toString(timestamp + 1093),
                    "sourceDevice",
                    "sourceUuid");
            tips.add(new Tip(aci, json.getBytes(StandardCharsets.UTF_8), ids, List.of()));
        }
        return tips;
    }

    private static Tip plainMail(String seed, int i) {
        String from = "src." + seed + "@mail-" + seed + ".example.net";
        String name = i % 2 == 0 ? "Wanjiru Otieno " + seed : "Jörg Quellé " + seed;
        String displayName = i % 2 == 0 ? name : "=?utf-8?Q?J=C3=B6rg_Quell=C3=A9_" + seed + "?=";
        String boundary = "mixed_" + i + "_boundary";
        String raw = MailBuilder.identifyingHeaders(from, displayName, seed)
                + "Subject: Trucks " + i + " " + HOSTILE_TEXT + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Three lorries left the depot at night, tip " + i + ". " + HOSTILE_TEXT + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Disposition: attachment; filename*=utf-8''"
                + "%1B%5B31mmanifest%1B%5D0%3Bowned%07%E2%80%AEfdp.exe\r\n\r\n"
                + "Manifest: 40 bags of charcoal\r\n"
                + "--" + boundary + "--\r\n";
        return new Tip(from, raw.getBytes(StandardCharsets.UTF_8), mailIdentifiers(from, name, seed), List.of());
    }

    private static Tip signedMail(Gpg gpg, String bridgeRecipient, String seed) throws IOException {
        String from = "pgp." + seed + "@relay-" + seed + ".example.org";
        String name = "Amani Mwangi " + seed;
        gpg.generate(name + " <" + from + ">", false);
        List<String> fingerprints = gpg.fingerprints(from);
        byte[] entity = MailBuilder.withAttachedKey(
                "Ivory moved from the coast road depot on Friday. " + HOSTILE_TEXT, gpg.exportPublic(from));
        byte[] armored = gpg.encrypt(entity, bridgeRecipient, from);
        String keydata = Base64.getEncoder().encodeToString(gpg.run(null, "--export", from));
        String autocrypt = "Autocrypt: addr=" + from + "; prefer-encrypt=mutual; keydata=" + fold(keydata) + "\r\n";
        byte[] raw = MailBuilder.pgpMime(MailBuilder.identifyingHeaders(from, name, seed) + autocrypt, "...", armored);
        return new Tip(from, raw, mailIdentifiers(from, name, seed), fingerprints);
    }

    private static List<String> mailIdentifiers(String from, String name, String seed) {
        return List.of(
                from,
                name,
                seed,
                "198.51.100.77",
                "10.11.12.13",
                "203.0.113.45",
                "SourceMail 3.1",
                "Thunderbird/115.0 (X11",
                "24 Nov 2026 13:37");
    }

    private static String fold(String base64) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < base64.length(); i += 72) {
            b.append("\r\n ").append(base64, i, Math.min(base64.length(), i + 72));
        }
        return b.toString();
    }

    /** A seed unique to the tip, unlike anything else in the run (8 letters and digits). */
    private static String seed(String kind, int i) {
        String hex = UUID.nameUUIDFromBytes((kind + i).getBytes(StandardCharsets.UTF_8))
                .toString()
                .replace("-", "");
        return kind + "q" + hex.substring(0, 6);
    }

    private static String jsonEscaped(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
