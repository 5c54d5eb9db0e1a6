// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSpoolTest {

    @TempDir
    Path tmp;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void depthCountsWaitingAndSetAsideItems() {
        FileSpool spool = FileSpool.open(tmp.resolve("spool"));
        assertThat(spool.depth()).isEqualTo(new Spool.Depth(0, 0));
        String a = spool.put(bytes("a"));
        spool.put(bytes("b"));
        spool.put(bytes("c"));
        spool.setAside(a);

        assertThat(spool.depth()).isEqualTo(new Spool.Depth(2, 1));
    }

    @Test
    void itemsComeBackInArrivalOrderAcrossReopening() {
        Path dir = tmp.resolve("spool");
        FileSpool first = FileSpool.open(dir);
        String a = first.put(bytes("a"));
        String b = first.put(bytes("b"));
        first.delete(a);

        FileSpool again = FileSpool.open(dir);
        String c = again.put(bytes("c"));

        assertThat(again.pending(10)).containsExactly(b, c);
        assertThat(again.read(c)).isEqualTo(bytes("c"));
        assertThat(c.compareTo(b)).isPositive();
    }

    @Test
    void filesAndDirectoryAreOwnerOnly() throws Exception {
        Path dir = tmp.resolve("spool");
        String id = FileSpool.open(dir).put(bytes("sealed"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(id + ".item"))))
                .isEqualTo("rw-------");
    }

    @Test
    void partialFilesOfACrashAreRemovedAndNeverListed() throws Exception {
        Path dir = tmp.resolve("spool");
        FileSpool.open(dir).put(bytes("whole"));
        Files.write(dir.resolve("0000000000000000009.partial"), bytes("half"));

        FileSpool reopened = FileSpool.open(dir);

        assertThat(reopened.pending(10)).hasSize(1);
        assertThat(Files.exists(dir.resolve("0000000000000000009.partial"))).isFalse();
    }

    @Test
    void pendingIsBounded() {
        FileSpool spool = FileSpool.open(tmp.resolve("spool"));
        for (int i = 0; i < 5; i++) {
            spool.put(bytes("x" + i));
        }

        List<String> firstTwo = spool.pending(2);

        assertThat(firstTwo).hasSize(2).isEqualTo(spool.pending(5).subList(0, 2));
    }

    @Test
    void idsThatAreNotSpoolIdsAreRefused() throws Exception {
        FileSpool spool = FileSpool.open(tmp.resolve("spool"));
        Files.write(tmp.resolve("outside.item"), bytes("secret"));

        assertThatThrownBy(() -> spool.read("../outside")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> spool.delete("../outside")).isInstanceOf(StoreException.class);
        assertThat(Files.exists(tmp.resolve("outside.item"))).isTrue();
    }

    @Test
    void deletingTwiceDoesNothingTheSecondTime() {
        FileSpool spool = FileSpool.open(tmp.resolve("spool"));
        String id = spool.put(bytes("x"));

        spool.delete(id);
        spool.delete(id);

        assertThat(spool.pending(10)).isEmpty();
        assertThatThrownBy(() -> spool.read(id)).isInstanceOf(StoreException.class);
    }

    @Test
    void deleteSetAsideDeletesOnlyItemsSetAsideBeforeTheGivenTime() throws Exception {
        FileSpool spool = FileSpool.open(tmp.resolve("spool"));
        String old = spool.put(bytes("old"));
        String recent = spool.put(bytes("recent"));
        spool.setAside(old);
        spool.setAside(recent);
        java.time.Instant now = java.time.Instant.now();
        Files.setLastModifiedTime(
                tmp.resolve("spool").resolve(old + ".held"),
                java.nio.file.attribute.FileTime.from(now.minus(java.time.Duration.ofDays(10))));

        int deleted = spool.deleteSetAside(now.minus(java.time.Duration.ofDays(5)));

        assertThat(deleted).isEqualTo(1);
        assertThat(spool.depth()).isEqualTo(new Spool.Depth(0, 1));
    }
}
