// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tipbridge.signal.ReceiverRequests.Answer;

class ReceiverRequestsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void eachOwnIdIsMatchedToItsRequest() {
        ReceiverRequests requests = new ReceiverRequests(Duration.ofSeconds(30));
        long subscribe = requests.subscribe();
        long version = requests.version();
        long unsubscribe = requests.unsubscribe();
        assertThat(requests.answered(NODES.numberNode(subscribe))).isEqualTo(Answer.SUBSCRIBE);
        assertThat(requests.answered(NODES.numberNode(version))).isEqualTo(Answer.VERSION);
        assertThat(requests.answered(NODES.numberNode(unsubscribe))).isEqualTo(Answer.UNSUBSCRIBE);
        assertThat(requests.answered(NODES.numberNode(unsubscribe + 1))).isEqualTo(Answer.OTHER);
        assertThat(requests.answered(NODES.textNode(Long.toString(subscribe)))).isEqualTo(Answer.OTHER);
        requests.shutdown();
    }

    @Test
    void idsOutsideTheLongRangeNeverMatchARequestNotYetSent() {
        ReceiverRequests requests = new ReceiverRequests(Duration.ofSeconds(30));
        BigInteger twoToThe63 = BigInteger.ONE.shiftLeft(63);
        assertThat(requests.answered(NODES.numberNode(twoToThe63))).isEqualTo(Answer.OTHER);
        assertThat(requests.answered(NODES.numberNode(twoToThe63.negate()))).isEqualTo(Answer.OTHER);
        assertThat(requests.answered(NODES.numberNode(Long.MIN_VALUE))).isEqualTo(Answer.OTHER);
        assertThat(requests.answered(NODES.numberNode(twoToThe63.shiftLeft(1).add(BigInteger.ONE))))
                .isEqualTo(Answer.OTHER);
        requests.shutdown();
    }
}
