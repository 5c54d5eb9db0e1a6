// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.TestDatabases;

class HandlesTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path tmp;

    private RecordStore store;
    private MappingSecrets secrets;
    private Handles handles;

    @BeforeEach
    void setUp() {
        store = RecordStore.open(TestDatabases.store(tmp));
        secrets = MappingSecrets.generate(tmp.resolve("mapping.secrets"));
        handles = handlesWith(new SecureRandom());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private Handles handlesWith(SecureRandom rng) {
        return new Handles(store, secrets, new ReplyAddressBox(secrets, rng), rng);
    }

    private static ReplyAddress email(String address) {
        return ReplyAddress.of(Channel.EMAIL, address);
    }

    private static ReplyAddress email(String address, byte[] key) {
        return new ReplyAddress(Channel.EMAIL, address, Optional.of(key), Optional.empty());
    }

    @Test
    void sameSenderGetsSameHandle() {
        Handle first = handles.assign(Channel.EMAIL, "someone@example.org", email("someone@example.org"), NOW);
        Handle second = handles.assign(
                Channel.EMAIL, "someone@example.org", email("someone@example.org"), NOW.plusSeconds(3600));

        assertThat(first.created()).isTrue();
        assertThat(second).isEqualTo(new Handle(first.value(), false));
        assertThat(HandleNames.isHandle(first.value())).isTrue();
        assertThat(store.findByHandle(first.value()).orElseThrow().lastSeen()).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void differentSendersGetDifferentHandles() {
        Handle a = handles.assign(Channel.EMAIL, "a@example.org", email("a@example.org"), NOW);
        Handle b = handles.assign(Channel.EMAIL, "b@example.org", email("b@example.org"), NOW);
        Handle tagged = handles.assign(Channel.EMAIL, "a+x@example.org", email("a+x@example.org"), NOW);
        Handle otherChannel =
                handles.assign(Channel.SIGNAL, "a@example.org", ReplyAddress.of(Channel.SIGNAL, "x"), NOW);

        assertThat(Set.of(a.value(), b.value(), tagged.value(), otherChannel.value()))
                .hasSize(4);
    }

    @Test
    void replyAddressOpensForTheOutbox() {
        Handle handle = handles.assign(Channel.EMAIL, "a@example.org", email("a@example.org", new byte[] {1}), NOW);

        assertThat(handles.replyAddress(handle.value())).contains(email("a@example.org", new byte[] {1}));
        assertThat(handles.replyAddress("brave-panda-22222")).isEmpty();
    }

    @Test
    void repeatSenderWithNothingNewWritesNothing() {
        handles.assign(Channel.EMAIL, "a@example.org", email("a@example.org", new byte[] {7}), NOW);
        byte[] lookup = secrets.lookupKey(Channel.EMAIL, "a@example.org");
        byte[] sealedBefore = store.findMapping(lookup).orElseThrow().sealedReplyAddress();

        handles.assign(Channel.EMAIL, "a@example.org", email("a@example.org"), NOW);
        assertThat(store.findMapping(lookup).orElseThrow().sealedReplyAddress()).isEqualTo(sealedBefore);

        handles.assign(Channel.EMAIL, "a@example.org", email("a@example.org"), NOW.plusSeconds(3600));
        assertThat(store.findMapping(lookup).orElseThrow().sealedReplyAddress()).isNotEqualTo(sealedBefore);
        assertThat(store.findMapping(lookup).orElseThrow().lastSeen()).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void sourceKeyIsKeptWhenALaterMessageHasNone() {
        handles.assign(Channel.EMAIL, "a@example.org", email("a@example.org", new byte[] {1, 2}), NOW);
        handles.assign(Channel.EMAIL, "a@example.org", email("a@example.org"), NOW);

        assertThat(handles.sourceKey(Channel.EMAIL, "a@example.org"))
                .hasValueSatisfying(k -> assertThat(k).containsExactly(1, 2));
    }

    @Test
    void firstLearntSourceKeyStaysSoAForgedSenderCannotSwapIt() {
        handles.assign(Channel.EMAIL, "a@example.org", email("a@example.org"), NOW);
        assertThat(handles.sourceKey(Channel.EMAIL, "a@example.org")).isEmpty();

        handles.assign(Channel.EMAIL, "a@example.org", email("a@example.org", new byte[] {3}), NOW);
        handles.assign(Channel.EMAIL, "a@example.org", email("a@example.org", new byte[] {4}), NOW);

        assertThat(handles.sourceKey(Channel.EMAIL, "a@example.org"))
                .hasValueSatisfying(k -> assertThat(k).containsExactly(3));
        assertThat(handles.sourceKey(Channel.EMAIL, "b@example.org")).isEmpty();
    }

    @Test
    void nameCollisionDrawsAnotherHandle() throws NoSuchAlgorithmException {
        Handle first = handlesWith(seeded()).assign(Channel.EMAIL, "a@example.org", email("a@example.org"), NOW);
        Handle second = handlesWith(seeded()).assign(Channel.EMAIL, "b@example.org", email("b@example.org"), NOW);

        assertThat(second.created()).isTrue();
        assertThat(second.value()).isNotEqualTo(first.value());
    }

    private static SecureRandom seeded() throws NoSuchAlgorithmException {
        SecureRandom rng = SecureRandom.getInstance("SHA1PRNG");
        rng.setSeed(42);
        return rng;
    }

    @Test
    void concurrentCreateMappingYieldsOneHandle() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Handle>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return handles.assign(Channel.EMAIL, "a@example.org", email("a@example.org"), NOW);
                }));
            }
            start.countDown();
            List<Handle> assigned = new ArrayList<>();
            for (Future<Handle> result : results) {
                assigned.add(result.get());
            }
            assertThat(assigned.stream().map(Handle::value).collect(Collectors.toSet()))
                    .hasSize(1);
            assertThat(assigned.stream().filter(Handle::created).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toStringRevealsNothing() {
        assertThat(handles.toString()).isEqualTo("Handles[redacted]");
    }
}
