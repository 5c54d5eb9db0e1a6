// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sealed trust request's JSON: versions, and what its values print. */
class TrustRequestTest {
    private static final String HANDLE = "amber-otter-7K4QX";
    private static final String DIGITS = "051238493712093485761029384756564738291019283746501122334455";
    private static final Instant DECIDED = Instant.parse("2026-11-28T10:17:42.123Z");

    @Test
    void toStringNeverShowsTheDecisionTimeOrTheSafetyNumber() {
        TrustDecision unverified = new TrustDecision.AllKnownKeys(DECIDED);
        TrustDecision verified = new TrustDecision.VerifiedSafetyNumber(DIGITS);

        for (Object value : new Object[] {
            unverified, verified, new TrustRequest(HANDLE, unverified), new TrustRequest(HANDLE, verified)
        }) {
            assertThat(value.toString())
                    .contains("redacted")
                    .doesNotContain("2026")
                    .doesNotContain(String.valueOf(DECIDED.toEpochMilli()))
                    .doesNotContain("10:17")
                    .doesNotContain("05123");
        }
    }

    @Test
    void requestOfAnotherVersionIsUnsupportedNotMalformed() {
        for (int version : new int[] {1, 3}) {
            String json = "{\"version\":" + version + ",\"handle\":\"" + HANDLE + "\",\"trust\":\"all-known-keys\"}";
            assertThatThrownBy(() -> decode(json)).isInstanceOf(TrustRequest.UnsupportedVersion.class);
        }
    }

    @Test
    void requestWithoutAVersionOrNotAnObjectIsMalformedNotUnsupported() {
        for (String json : new String[] {"{\"handle\":\"" + HANDLE + "\"}", "[1]", "{\"version\":\"1\"}", "x"}) {
            assertThatThrownBy(() -> decode(json))
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(TrustRequest.UnsupportedVersion.class);
        }
    }

    @Test
    void currentVersionRoundTripsBothKindsOfDecision() throws Exception {
        for (TrustDecision decision : new TrustDecision[] {
            new TrustDecision.AllKnownKeys(DECIDED), new TrustDecision.VerifiedSafetyNumber(DIGITS)
        }) {
            TrustRequest request = new TrustRequest(HANDLE, decision);
            TrustRequest decoded = TrustRequest.decode(new ByteArrayInputStream(request.encode()));
            assertThat(decoded.handle()).isEqualTo(HANDLE);
            assertThat(decoded.decision()).isEqualTo(decision);
        }
    }

    private static TrustRequest decode(String json) throws IOException {
        return TrustRequest.decode(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
