// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the receiver classifies one line from signal-cli. */
class InboundLineTest {
    private final JsonRpcCodec codec = new JsonRpcCodec(SignalLimits.DEFAULT, Optional.empty());

    private InboundLine read(String line) {
        return InboundLine.read(codec, line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void manualModeNotificationYieldsItsResultObject() {
        InboundLine line = read("{\"jsonrpc\":\"2.0\",\"method\":\"receive\",\"params\":"
                + "{\"subscription\":3,\"result\":{\"envelope\":{\"timestamp\":5},\"account\":\"+1\"}}}");

        assertThat(line).isInstanceOf(InboundLine.Envelope.class);
        assertThat(new String(((InboundLine.Envelope) line).resultJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"envelope\":{\"timestamp\":5},\"account\":\"+1\"}");
    }

    @Test
    void onStartNotificationYieldsItsParamsWithoutTheSubscription() {
        InboundLine line =
                read("{\"jsonrpc\":\"2.0\",\"method\":\"receive\",\"params\":{\"subscription\":3,\"envelope\":{}}}");

        assertThat(new String(((InboundLine.Envelope) line).resultJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"envelope\":{}}");
    }

    @Test
    void receiveWithoutAnEnvelopeObjectIsUnreadableNotAnAnswer() {
        assertThat(read("{\"method\":\"receive\",\"params\":{\"result\":[1]}}"))
                .isInstanceOf(InboundLine.Unreadable.class);
        assertThat(read("{\"method\":\"receive\",\"params\":7}")).isInstanceOf(InboundLine.Unreadable.class);
        assertThat(read("[{\"method\":\"receive\"}]")).isInstanceOf(InboundLine.Unreadable.class);
    }

    @Test
    void anyOtherObjectIsAMessageForTheRequestMatcher() {
        assertThat(read("{\"jsonrpc\":\"2.0\",\"result\":0,\"id\":1}")).isInstanceOf(InboundLine.Message.class);
    }
}
