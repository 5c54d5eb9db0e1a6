// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;

/**
 * A trust decision as it is sealed to the bridge key (JSON inside an OpenPGP message) by {@code
 * tipbridge signal trust}: {@code {"version":2,"handle":...,"trust":"all-known-keys","decidedAt":
 * <epoch milliseconds>}} or {@code "trust":"safety-number","safetyNumber":"<60 digits>"}. The
 * handle is inside, so a request moved to another outbox row is refused instead of trusting another
 * source's key. The exact decision time is inside too (only sealed, never in a clear column): the
 * daemon trusts no key signal-cli first saw after it. Another version (1, from an earlier build,
 * had no decision time) decodes as {@link UnsupportedVersion}: the analyst is asked again.
 */
public record TrustRequest(String handle, TrustDecision decision) {
    public static final int VERSION = 2;
    /** Most bytes an opened request can have (the digits, the handle and the field names). */
    public static final long MAX_OPENED_BYTES = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL_KNOWN_KEYS = "all-known-keys";
    private static final String SAFETY_NUMBER = "safety-number";

    public TrustRequest {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(decision, "decision");
    }

    /**
     * The JSON to seal. The safety number is also held in {@code String}s (the decision, Jackson's
     * tree), which cannot be wiped; clearing this array alone would not remove it from memory.
     */
    public byte[] encode() {
        ObjectNode doc = JSON.createObjectNode().put("version", VERSION).put("handle", handle);
        if (decision instanceof TrustDecision.VerifiedSafetyNumber v) {
            doc.put("trust", SAFETY_NUMBER).put("safetyNumber", v.digits());
        } else if (decision instanceof TrustDecision.AllKnownKeys all) {
            doc.put("trust", ALL_KNOWN_KEYS).put("decidedAt", all.decidedAt().toEpochMilli());
        }
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new IllegalStateException("trust request could not be encoded");
        }
    }

    /** A well-formed request of another version than {@link #VERSION}, such as one sealed by an earlier build. */
    public static final class UnsupportedVersion extends IOException {
        UnsupportedVersion() {
            super("trust request of another version than " + VERSION);
        }
    }

    /**
     * Decodes an opened request: {@link UnsupportedVersion} for a request of another version, any
     * other {@link IOException} for anything but a well-formed version {@value #VERSION} request.
     */
    public static TrustRequest decode(InputStream in) throws IOException {
        JsonNode doc;
        try {
            doc = JSON.readTree(in);
        } catch (IOException | RuntimeException e) {
            throw new IOException("not a trust request");
        }
        if (doc == null || !doc.isObject() || !doc.path("version").isIntegralNumber()) {
            throw new IOException("not a trust request");
        }
        if (doc.path("version").asLong() != VERSION) {
            throw new UnsupportedVersion();
        }
        if (!doc.path("handle").isTextual()) {
            throw new IOException("trust request without a handle");
        }
        String trust = doc.path("trust").asText("");
        JsonNode decided = doc.path("decidedAt");
        if (trust.equals(ALL_KNOWN_KEYS) && decided.isIntegralNumber() && decided.canConvertToLong()) {
            return new TrustRequest(
                    doc.get("handle").asText(),
                    new TrustDecision.AllKnownKeys(Instant.ofEpochMilli(decided.longValue())));
        }
        if (trust.equals(SAFETY_NUMBER) && doc.path("safetyNumber").isTextual()) {
            return new TrustRequest(
                    doc.get("handle").asText(),
                    TrustDecision.safetyNumber(doc.get("safetyNumber").asText())
                            .orElseThrow(() -> new IOException("trust request with a malformed safety number")));
        }
        throw new IOException("trust request of an unknown kind");
    }

    @Override
    public String toString() {
        return "TrustRequest[redacted]";
    }
}
