// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the outer (clear) header fields that intake keeps: From, Reply-To, Message-ID, a matching
 * Autocrypt key, the subject, and whether the mail was sent by a machine. Every other outer
 * header is forgotten as soon as it is read.
 */
final class EnvelopeReader {
    private static final int MAX_ADDRESS = 320;
    private static final int MAX_MESSAGE_ID = 998;
    private static final Pattern MAILER = Pattern.compile("(?i)(mailer-daemon|postmaster)@.*|mailer-daemon");
    private static final Pattern ADDR_SPEC =
            Pattern.compile("[^\\s<>()\\[\\],;:\\\\\"@]+(@[^\\s<>()\\[\\],;:\\\\\"@]+)?");
    private static final Pattern BULK = Pattern.compile("(?i)bulk|list|junk");
    private final Map<String, String> firstValues = new LinkedHashMap<>();
    private boolean listHeaders;
    private boolean autoReplyHeaders;

    /** The envelope facts plus the outer subject (already decoded and cleaned). */
    record Outer(MailEnvelope envelope, String subject) {}

    void add(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        switch (key) {
            case "list-id", "list-unsubscribe" -> listHeaders = true;
            case "x-autoreply", "x-autorespond" -> autoReplyHeaders = true;
            default -> firstValues.putIfAbsent(key, value);
        }
    }

    Outer read(int maxKeyBytes) {
        Optional<String> from = address("from");
        MailEnvelope envelope = new MailEnvelope(
                from, address("reply-to"), messageId(), autocryptKey(from, maxKeyBytes), automated(from));
        String subject = CleanText.line(HeaderText.decodeWords(get("subject").orElse("")));
        return new Outer(envelope, subject);
    }

    private Optional<String> get(String name) {
        return Optional.ofNullable(firstValues.get(name));
    }

    private Optional<String> address(String header) {
        return get(header).flatMap(EnvelopeReader::addrSpec);
    }

    static Optional<String> addrSpec(String value) {
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(value, false);
            return parsed.length == 0 ? Optional.empty() : cleanAddress(parsed[0].getAddress());
        } catch (AddressException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> cleanAddress(String address) {
        if (address == null || address.length() > MAX_ADDRESS || !address.equals(CleanText.line(address))) {
            return Optional.empty();
        }
        return ADDR_SPEC.matcher(address).matches() ? Optional.of(address) : Optional.empty();
    }

    private Optional<String> messageId() {
        return get("message-id").map(CleanText::line).filter(s -> !s.isEmpty() && s.length() <= MAX_MESSAGE_ID);
    }

    private boolean automated(Optional<String> from) {
        boolean autoSubmitted =
                get("auto-submitted").map(v -> !token(v).equals("no")).orElse(false);
        boolean bulk =
                get("precedence").map(v -> BULK.matcher(token(v)).matches()).orElse(false);
        boolean nullReturn = get("return-path")
                .map(v -> v.replaceAll("[<>\\s]", "").isEmpty())
                .orElse(false);
        boolean report = get("content-type")
                .map(v -> token(v).startsWith("multipart/report"))
                .orElse(false);
        boolean daemon = from.map(a -> MAILER.matcher(a).matches()).orElse(false);
        return autoSubmitted || bulk || nullReturn || report || daemon || listHeaders || autoReplyHeaders;
    }

    private static String token(String value) {
        return value.split("[;(]", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    private Optional<byte[]> autocryptKey(Optional<String> from, int maxKeyBytes) {
        Optional<String> header = get("autocrypt");
        if (header.isEmpty() || from.isEmpty()) {
            return Optional.empty();
        }
        return Autocrypt.keyFor(header.get(), from.get(), maxKeyBytes);
    }

    /** Autocrypt header attributes: {@code addr=...; [prefer-encrypt=...;] keydata=BASE64}. */
    static final class Autocrypt {
        private Autocrypt() {}

        static Optional<byte[]> keyFor(String header, String from, int maxKeyBytes) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String piece : header.split(";")) {
                int eq = piece.indexOf('=');
                if (eq <= 0) {
                    return Optional.empty();
                }
                attributes.putIfAbsent(
                        piece.substring(0, eq).strip().toLowerCase(Locale.ROOT), piece.substring(eq + 1));
            }
            boolean unknownCritical = attributes.keySet().stream()
                    .anyMatch(k -> !k.startsWith("_")
                            && !k.equals("addr")
                            && !k.equals("prefer-encrypt")
                            && !k.equals("keydata"));
            String addr = attributes.getOrDefault("addr", "").strip();
            if (unknownCritical || !addr.equalsIgnoreCase(from) || !attributes.containsKey("keydata")) {
                return Optional.empty();
            }
            return decode(attributes.get("keydata"), maxKeyBytes);
        }

        private static Optional<byte[]> decode(String keydata, int maxKeyBytes) {
            String compact = keydata.replaceAll("\\s", "");
            if (compact.isEmpty() || compact.length() > (maxKeyBytes / 3 + 1) * 4) {
                return Optional.empty();
            }
            try {
                byte[] key = Base64.getDecoder().decode(compact);
                return key.length <= maxKeyBytes ? Optional.of(key) : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
