// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.tipbridge.bridge.store.Channel;

/**
 * The two random keys that link senders to handles, kept in a file only the daemon reads and never
 * in the database: {@code k_lookup} (HMAC-SHA256: sender identity to lookup key, message identity to
 * dedupe key) and {@code k_map} (AES-256-GCM: seals reply addresses). File format, version 1:
 * {@code "TBMS"}, the byte 1, 32 bytes of k_lookup, 32 bytes of k_map.
 */
public final class MappingSecrets {

    static final int KEY_BYTES = 32;
    private static final byte[] MAGIC = {'T', 'B', 'M', 'S'};
    private static final byte VERSION = 1;
    private static final int FILE_BYTES = MAGIC.length + 1 + 2 * KEY_BYTES;
    private static final String HMAC = "HmacSHA256";
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private final SecretKey lookup;
    private final SecretKey map;

    private MappingSecrets(byte[] lookup, byte[] map) {
        this.lookup = new SecretKeySpec(lookup, HMAC);
        this.map = new SecretKeySpec(map, "AES");
    }

    /** Generates fresh secrets into a new 0600 file; refuses to overwrite an existing one. */
    public static MappingSecrets generate(Path file) {
        return generate(file, new SecureRandom());
    }

    public static MappingSecrets generate(Path file, SecureRandom rng) {
        byte[] content = new byte[FILE_BYTES];
        System.arraycopy(MAGIC, 0, content, 0, MAGIC.length);
        content[MAGIC.length] = VERSION;
        byte[] keys = new byte[2 * KEY_BYTES];
        rng.nextBytes(keys);
        System.arraycopy(keys, 0, content, MAGIC.length + 1, keys.length);
        try {
            SecretsFile.create(file, content);
            return fromFileContent(content);
        } finally {
            Arrays.fill(keys, (byte) 0);
            Arrays.fill(content, (byte) 0);
        }
    }

    /** Loads secrets written by {@link #generate}; refuses a file that group or others can read. */
    public static MappingSecrets load(Path file) {
        byte[] content = SecretsFile.read(file, FILE_BYTES);
        try {
            if (content.length != FILE_BYTES
                    || !Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                    || content[MAGIC.length] != VERSION) {
                throw new HandleException.SecretsUnusable("the mapping secrets " + file + " are malformed");
            }
            return fromFileContent(content);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static MappingSecrets fromFileContent(byte[] content) {
        int start = MAGIC.length + 1;
        byte[] lookup = Arrays.copyOfRange(content, start, start + KEY_BYTES);
        byte[] map = Arrays.copyOfRange(content, start + KEY_BYTES, start + 2 * KEY_BYTES);
        try {
            return new MappingSecrets(lookup, map);
        } finally {
            Arrays.fill(lookup, (byte) 0);
            Arrays.fill(map, (byte) 0);
        }
    }

    /** The key under which a sender's handle mapping is found: HMAC(k_lookup, "lookup", channel, identity). */
    public byte[] lookupKey(Channel channel, String normalisedIdentity) {
        return mac("lookup", utf8(channel.wireName()), utf8(normalisedIdentity));
    }

    /**
     * The key of a sender's rate-limit bucket: HMAC(k_lookup, "flood-bucket", channel, identity).
     * Held in memory only; its own label keeps it unlinkable to the stored lookup keys.
     */
    public byte[] floodKey(Channel channel, String normalisedIdentity) {
        return mac("flood-bucket", utf8(channel.wireName()), utf8(normalisedIdentity));
    }

    /** The replay-detection key of one upstream message: HMAC(k_lookup, "dedupe", channel, id, content hash). */
    public byte[] dedupeKey(Channel channel, String upstreamId, byte[] contentHash) {
        return mac("dedupe", utf8(channel.wireName()), utf8(upstreamId), contentHash);
    }

    /**
     * The local part of the Message-ID of outgoing message {@code outboxId}: 26 base32 characters of
     * HMAC(k_lookup, "message-id", id). The same on every attempt (so a resent duplicate is
     * recognisable), unlinkable to anything without the secret, and naming no host.
     */
    public String messageToken(long outboxId) {
        byte[] mac = mac(
                "message-id", ByteBuffer.allocate(Long.BYTES).putLong(outboxId).array());
        StringBuilder out = new StringBuilder(26);
        long bits = 0;
        int count = 0;
        for (int i = 0; i < 17 && out.length() < 26; i++) {
            bits = (bits << 8) | (mac[i] & 0xff);
            count += 8;
            while (count >= 5 && out.length() < 26) {
                count -= 5;
                out.append(BASE32.charAt((int) ((bits >>> count) & 31)));
            }
        }
        return out.toString();
    }

    SecretKey mapKey() {
        return map;
    }

    /** HMAC over a domain label and length-prefixed fields, so no two inputs share an encoding. */
    private byte[] mac(String label, byte[]... fields) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(lookup);
            mac.update(utf8(label));
            for (byte[] field : fields) {
                mac.update(
                        ByteBuffer.allocate(Integer.BYTES).putInt(field.length).array());
                mac.update(field);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MappingSecrets[redacted]";
    }
}
