// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Notification {@code result} objects as signal-cli 0.14 writes them: the hand-written fixtures in
 * {@code src/test/resources/signal-cli-0.14/} and generated bursts of 1:1 tips.
 */
public final class SignalFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "+254712345678";
    private static final String[] WORDS = {
        "lorry", "charcoal", "snare", "ivory", "pangolin", "sawmill", "ranger", "gate", "river", "market",
        "night", "tusks", "logs", "camp", "fence", "buyer", "border", "forest", "kiln", "tracks"
    };
    private static final String[] CONTENT_TYPES = {"image/jpeg", "image/png", "video/mp4", "audio/aac"};
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private SignalFixtures() {}

    /** The bytes of fixture {@code name} (e.g. {@code "text.json"}). */
    public static byte[] load(String name) {
        try (InputStream in = SignalFixtures.class.getResourceAsStream("/signal-cli-0.14/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fixture {@code name} as one compact line, the way signal-cli writes it to the socket. */
    public static byte[] line(String name) {
        try {
            return JSON.writeValueAsBytes(JSON.readTree(load(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code n} distinct, valid 1:1 data messages (text, some with attachments) from several senders,
     * one compact JSON line each, the same for the same seed.
     */
    public static List<byte[]> burst(int n, long seed) {
        Random random = new Random(seed);
        List<Sender> senders = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            senders.add(Sender.random(random, i));
        }
        long start = 1_767_268_800_000L + random.nextInt(86_400_000);
        List<byte[]> burst = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Sender sender = senders.get(random.nextInt(senders.size()));
            burst.add(envelope(sender, start + i * 7L + random.nextInt(7), i, random));
        }
        return burst;
    }

    private static byte[] envelope(Sender sender, long timestamp, int index, Random random) {
        ObjectNode result = JSON.createObjectNode();
        ObjectNode envelope = result.putObject("envelope");
        envelope.put("source", sender.number == null ? sender.aci : sender.number);
        envelope.put("sourceNumber", sender.number);
        envelope.put("sourceUuid", sender.aci);
        envelope.put("sourceName", sender.name);
        envelope.put("sourceDevice", 1 + random.nextInt(3));
        envelope.put("timestamp", timestamp);
        envelope.put("serverReceivedTimestamp", timestamp + 100 + random.nextInt(900));
        envelope.put("serverDeliveredTimestamp", timestamp + 1000 + random.nextInt(900));
        ObjectNode data = envelope.putObject("dataMessage");
        data.put("timestamp", timestamp);
        data.put("message", "tip " + index + ": " + words(random));
        data.put("expiresInSeconds", random.nextInt(4) == 0 ? 604_800 : 0);
        data.put("viewOnce", false);
        if (random.nextInt(4) == 0) {
            ObjectNode attachment = data.putArray("attachments").addObject();
            String type = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            attachment.put("contentType", type);
            attachment.put("filename", String.format(Locale.ROOT, "evidence-%04d.%s", index, type.substring(6)));
            attachment.put("id", attachmentId(random) + "." + type.substring(6));
            attachment.put("size", 10_000 + random.nextInt(5_000_000));
        }
        result.put("account", ACCOUNT);
        try {
            return JSON.writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String words(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0, count = 3 + random.nextInt(12); i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static String attachmentId(Random random) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }

    /** A made-up sender; every third one hides its number. */
    private record Sender(String aci, String number, String name) {
        static Sender random(Random random, int index) {
            String aci = new UUID(random.nextLong(), random.nextLong()).toString();
            String number = index % 3 == 2
                    ? null
                    : (index % 2 == 0 ? "+49151" : "+2547")
                            + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
            return new Sender(aci, number, "Sender " + (char) ('A' + index));
        }
    }
}
