// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.conf.StoreConfig;

/**
 * Says whether there is room to take another message. Below {@code minFree} bytes it says no
 * until the free space is back above {@code minFree} plus a margin (10%, at least 64 MiB), so it
 * does not flap around the threshold. Each change is logged once. A probe that fails counts as no
 * room: nothing is taken that might not be stored.
 */
public final class DiskGuard {
    private static final Logger LOG = LoggerFactory.getLogger(DiskGuard.class);
    static final long MIN_MARGIN = 64L * 1024 * 1024;
    private final FreeSpace probe;
    private final long minFree;
    private final long resumeAt;
    private volatile boolean low;
    private boolean probeFailing;

    public DiskGuard(FreeSpace probe, long minFree) {
        this.probe = probe;
        this.minFree = minFree;
        this.resumeAt = minFree + Math.max(MIN_MARGIN, minFree / 10);
    }

    /**
     * The daemon's guard: the data directory, the blob directory and the temporary directory must
     * each keep {@code [store] min_free_mb}.
     */
    public static DiskGuard forStore(StoreConfig store) {
        Path blobs = store.blobDir();
        FreeSpace space =
                new FileStoreSpace(List.of(blobs.getParent(), blobs, Path.of(System.getProperty("java.io.tmpdir"))));
        return new DiskGuard(space, store.minFreeBytes());
    }

    /** A guard that never stops intake ({@code [store] min_free_mb = 0}). */
    public static DiskGuard off() {
        return new DiskGuard(() -> Long.MAX_VALUE, 0);
    }

    /** Looks at the free space now; true when a message may be taken. */
    public synchronized boolean accepting() {
        if (minFree <= 0) {
            return true;
        }
        long free = usable();
        if (!low && free < minFree) {
            low = true;
            LOG.warn("disk nearly full: taking no more messages until space is freed ([store] min_free_mb);"
                    + " nothing is acknowledged upstream, so nothing is lost");
        } else if (low && free >= resumeAt) {
            low = false;
            LOG.info("disk space is back: taking messages again");
        }
        return !low;
    }

    /** Whether the last look found too little space (for the status file). */
    public boolean low() {
        return low;
    }

    /** The free space, or -1 when it cannot be read (logged once until it can be read again). */
    private long usable() {
        try {
            long free = probe.usableBytes();
            if (probeFailing) {
                probeFailing = false;
                LOG.info("free disk space can be read again");
            }
            return free;
        } catch (IOException | RuntimeException e) {
            if (!probeFailing) {
                probeFailing = true;
                LOG.warn(
                        "free disk space could not be read ({}); taking no messages until it can",
                        e.getClass().getSimpleName());
            }
            return -1;
        }
    }
}
