// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.store.MutableClock;
import org.tipbridge.conf.FloodsConfig;

class RateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static Optional<byte[]> sender(String name) {
        return Optional.of(name.getBytes(StandardCharsets.UTF_8));
    }

    private static FloodsConfig limits(int senderBurst, int channelBurst) {
        return new FloodsConfig(senderBurst, 60, channelBurst, 600, FloodsConfig.Policy.QUARANTINE);
    }

    @Test
    void floodFromOneSenderIsStoppedBeyondItsBucketAndLeavesTheChannelToOthers() {
        RateLimiter limiter = new RateLimiter(limits(5, 20), clock);
        int admitted = 0;
        for (int i = 0; i < 10_000; i++) {
            admitted += limiter.admit(sender("flooder")) ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(5);
        for (int i = 0; i < 15; i++) {
            assertThat(limiter.admit(sender("other-" + i)))
                    .as("sender %d: the flood took only its own 5 channel tokens", i)
                    .isTrue();
        }
        assertThat(limiter.admit(sender("one-too-many")))
                .as("the channel bucket is empty now")
                .isFalse();
    }

    @Test
    void senderRefusedByTheChannelKeepsNoAdvantageAndTheBucketsRefillWithTime() {
        RateLimiter limiter = new RateLimiter(limits(2, 2), clock);
        assertThat(limiter.admit(sender("a"))).isTrue();
        assertThat(limiter.admit(sender("b"))).isTrue();
        assertThat(limiter.admit(sender("c"))).isFalse();
        clock.advance(Duration.ofSeconds(6)); // 600 an hour: one channel token every 6 s
        assertThat(limiter.admit(sender("c"))).isTrue();
        assertThat(limiter.admit(sender("d"))).isFalse();
    }

    @Test
    void messagesWithoutASenderShareOneSenderBucketAndCannotDrainTheChannel() {
        RateLimiter limiter = new RateLimiter(limits(2, 10), clock);
        assertThat(limiter.admit(Optional.empty())).isTrue();
        assertThat(limiter.admit(Optional.empty())).isTrue();
        assertThat(limiter.admit(Optional.empty()))
                .as("no sender: limited like one sender")
                .isFalse();
        for (int i = 0; i < 8; i++) {
            assertThat(limiter.admit(sender("real-" + i)))
                    .as("real sender %d still finds channel tokens", i)
                    .isTrue();
        }
    }

    @Test
    void aChannelLevelFloodTakesNoTokenFromSendersBuckets() {
        RateLimiter limiter = new RateLimiter(limits(2, 3), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit(sender("flood-" + i))).isTrue();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.admit(sender("source"))).as("channel empty").isFalse();
        }
        clock.advance(Duration.ofSeconds(12)); // two channel tokens back, none for senders to speak of
        assertThat(limiter.admit(sender("source")))
                .as("refusals while the channel was empty left the source's bucket full")
                .isTrue();
        assertThat(limiter.admit(sender("source"))).isTrue();
    }

    @Test
    void randomSendersCannotGrowTheBucketsBeyondTheCap() {
        RateLimiter limiter =
                new RateLimiter(new FloodsConfig(3, 60, 1_000_000, 1_000_000, FloodsConfig.Policy.DROP), clock, 1000);
        for (int i = 0; i < 50_000; i++) {
            limiter.admit(sender("random-" + i));
        }
        assertThat(limiter.senderBuckets()).isLessThanOrEqualTo(1000);
    }

    @Test
    void bucketsThatAreFullAgainAreForgotten() {
        RateLimiter limiter = new RateLimiter(
                new FloodsConfig(3, 3600, 1_000_000, 1_000_000, FloodsConfig.Policy.DROP), clock, 100_000);
        for (int i = 0; i < 2000; i++) {
            limiter.admit(sender("early-" + i));
        }
        clock.advance(Duration.ofMinutes(1)); // 3600 an hour refills 3 tokens within 3 s
        for (int i = 0; i < 4096; i++) {
            limiter.admit(sender("late"));
        }
        assertThat(limiter.senderBuckets())
                .as("only the late sender's bucket is not full")
                .isEqualTo(1);
    }
}
