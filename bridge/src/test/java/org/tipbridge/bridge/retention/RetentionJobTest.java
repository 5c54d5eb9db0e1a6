// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.bridge.retention.RetentionFixture.NOW;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.RecordStore;

class RetentionJobTest {
    private static final String HANDLE = "amber-otter-7K4QX";

    @TempDir
    Path tmp;

    private RetentionFixture f;
    private final AtomicInteger reclaims = new AtomicInteger();
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private RetentionJob job;

    @BeforeEach
    void setUp() {
        f = new RetentionFixture(tmp);
        RecordStore counting = countingReclaims(f.store);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        Purge purge = new Purge(
                counting,
                f.blobs,
                Optional.of(f.spool),
                new RetentionPolicy(RetentionFixture.config()),
                clock,
                "retention");
        job = new RetentionJob(purge, counting, clock);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void daemonReclaimsAfterADeletionAtMostOnceADay() {
        job.run();
        assertThat(reclaims).as("nothing deleted, nothing to reclaim").hasValue(0);

        f.record(HANDLE, 100, 0);
        job.run();
        assertThat(reclaims).hasValue(1);

        now.set(NOW.plus(Duration.ofHours(1)));
        f.record(HANDLE, 100, 0);
        job.run();
        assertThat(reclaims).as("deleted again within the day").hasValue(1);
        assertThat(f.store.count()).isZero();

        now.set(NOW.plus(Duration.ofDays(1)));
        job.run();
        assertThat(reclaims)
                .as("the deletion an hour in is reclaimed a day after the last")
                .hasValue(2);
        job.run();
        assertThat(reclaims).hasValue(2);
    }

    private RecordStore countingReclaims(RecordStore real) {
        return (RecordStore) Proxy.newProxyInstance(
                RecordStore.class.getClassLoader(), new Class<?>[] {RecordStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("reclaim")) {
                        reclaims.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
