// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.conf.StoreConfig;

class ConcurrentMappingTest {

    @TempDir
    Path tmp;

    @Test
    void concurrentCreateMappingAcrossConnectionsYieldsOneMapping() throws Exception {
        StoreConfig db = TestDatabases.store(tmp);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try (RecordStore a = RecordStore.open(db);
                RecordStore b = RecordStore.open(db)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HandleMapping>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                RecordStore store = i % 2 == 0 ? a : b;
                String handle = "amber-otter-" + "0000" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return store.createMapping(SqliteRecordStoreTest.key(1), handle, new byte[] {1}, Instant.EPOCH);
                }));
            }
            start.countDown();
            Set<String> handles = results.stream()
                    .map(ConcurrentMappingTest::join)
                    .map(HandleMapping::handle)
                    .collect(Collectors.toSet());

            assertThat(handles).hasSize(1);
            assertThat(a.findMapping(SqliteRecordStoreTest.key(1)).map(HandleMapping::handle))
                    .contains(handles.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }

    private static HandleMapping join(Future<HandleMapping> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
