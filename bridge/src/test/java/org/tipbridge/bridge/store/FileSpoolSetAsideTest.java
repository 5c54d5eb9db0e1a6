// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSpoolSetAsideTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void deleteSetAsideCountsAgeFromArrivalAndLeavesPendingItems() throws Exception {
        Path dir = tmp.resolve("spool");
        FileSpool spool = FileSpool.open(dir);
        String old = spool.put(new byte[] {1});
        String young = spool.put(new byte[] {2});
        String waiting = spool.put(new byte[] {3});
        age(dir.resolve(old + ".item"), Duration.ofDays(40));
        age(dir.resolve(young + ".item"), Duration.ofDays(10));
        age(dir.resolve(waiting + ".item"), Duration.ofDays(40));
        spool.setAside(old);
        spool.setAside(young);

        assertThat(spool.deleteSetAside(NOW.minus(Duration.ofDays(30)))).isEqualTo(1);
        assertThat(spool.depth()).isEqualTo(new Spool.Depth(1, 1));
        assertThat(spool.pending(10)).containsExactly(waiting);
        assertThat(dir.resolve(young + ".held")).exists();
    }

    @Test
    void attachedSpoolDeletesSetAsideItemsButNeitherWritesNorRemovesPartialFiles() throws Exception {
        Path dir = tmp.resolve("spool");
        FileSpool owner = FileSpool.open(dir);
        String id = owner.put(new byte[] {1});
        owner.setAside(id);
        age(dir.resolve(id + ".held"), Duration.ofDays(40));
        Path partial = Files.write(dir.resolve("0000000000000000009.partial"), new byte[] {7});

        Spool attached = FileSpool.attach(dir).orElseThrow();

        assertThatThrownBy(() -> attached.put(new byte[] {2})).isInstanceOf(StoreException.class);
        assertThat(attached.deleteSetAside(NOW)).isEqualTo(1);
        assertThat(partial).exists();
        assertThat(FileSpool.attach(tmp.resolve("none"))).isEmpty();
    }

    private static void age(Path file, Duration age) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
    }
}
