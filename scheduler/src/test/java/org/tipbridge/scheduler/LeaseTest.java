// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LeaseTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration SHORT = Duration.ofMillis(800);

    private static DataSource dataSource;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.installed();
    }

    @Test
    void onlyOneOwnerHoldsALease() {
        Lease a = new Lease(dataSource, "one-holder", "node-a", MINUTE);
        Lease b = new Lease(dataSource, "one-holder", "node-b", MINUTE);

        assertThat(a.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).isFalse();
        assertThat(a.tryAcquire()).isTrue();
        assertThat(b.renew()).isFalse();
        assertThat(b.holder()).contains("node-a");
    }

    @Test
    void leasesOfDifferentNamesAreIndependent() {
        assertThat(new Lease(dataSource, "imap", "node-a", MINUTE).tryAcquire()).isTrue();
        assertThat(new Lease(dataSource, "signal", "node-b", MINUTE).tryAcquire())
                .isTrue();
    }

    @Test
    void releaseHandsOverAtOnce() {
        Lease a = new Lease(dataSource, "handover", "node-a", MINUTE);
        Lease b = new Lease(dataSource, "handover", "node-b", MINUTE);
        assertThat(a.tryAcquire()).isTrue();

        a.release();

        assertThat(a.holder()).isEmpty();
        assertThat(b.tryAcquire()).isTrue();
        assertThat(a.renew()).isFalse();
    }

    @Test
    void releaseByAnotherOwnerChangesNothing() {
        Lease a = new Lease(dataSource, "not-yours", "node-a", MINUTE);
        assertThat(a.tryAcquire()).isTrue();

        new Lease(dataSource, "not-yours", "node-b", MINUTE).release();

        assertThat(a.holder()).contains("node-a");
    }

    @Test
    void renewingKeepsTheLeaseBeyondItsTtl() {
        Lease a = new Lease(dataSource, "renewed", "node-a", SHORT);
        Lease b = new Lease(dataSource, "renewed", "node-b", SHORT);
        assertThat(a.tryAcquire()).isTrue();

        long end = System.nanoTime() + SHORT.multipliedBy(3).toNanos();
        while (System.nanoTime() < end) {
            assertThat(a.renew()).isTrue();
            assertThat(b.tryAcquire()).isFalse();
            pause(SHORT.dividedBy(4));
        }
    }

    @Test
    void aHolderThatStopsRenewingLosesToAnotherAfterTtl() {
        Lease a = new Lease(dataSource, "expiring", "node-a", SHORT);
        Lease b = new Lease(dataSource, "expiring", "node-b", SHORT);
        assertThat(a.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).isFalse();

        long deadline = System.nanoTime() + SHORT.multipliedBy(10).toNanos();
        while (!b.tryAcquire()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            pause(Duration.ofMillis(50));
        }

        assertThat(a.renew()).isFalse();
        assertThat(a.holder()).contains("node-b");
    }

    @Test
    void anExpiredLeaseHasNoHolder() {
        Lease a = new Lease(dataSource, "lapsed", "node-a", Duration.ofMillis(300));
        assertThat(a.tryAcquire()).isTrue();

        pause(Duration.ofMillis(600));

        assertThat(a.holder()).isEmpty();
        assertThat(a.renew()).isFalse();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
