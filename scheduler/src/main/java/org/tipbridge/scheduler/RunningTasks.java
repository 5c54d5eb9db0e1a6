// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The task runs in progress, so that stopping can wait for them: once closed, no new run starts,
 * and {@link #closeAndAwait} returns when the last running one has finished.
 */
final class RunningTasks {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Set<Thread> threads = new HashSet<>();
    private boolean closed;

    /** Runs {@code body} on the calling thread unless closed; returns whether it ran. */
    boolean run(Runnable body) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            threads.add(Thread.currentThread());
        } finally {
            lock.unlock();
        }
        try {
            body.run();
            return true;
        } finally {
            finished();
        }
    }

    /** Refuses new runs and waits up to {@code grace} for running ones; true when none is left. */
    boolean closeAndAwait(Duration grace) throws InterruptedException {
        lock.lock();
        try {
            closed = true;
            long nanos = grace.toNanos();
            while (!threads.isEmpty()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Interrupts the threads of runs still in progress. */
    void interruptAll() {
        lock.lock();
        try {
            threads.forEach(Thread::interrupt);
        } finally {
            lock.unlock();
        }
    }

    private void finished() {
        lock.lock();
        try {
            threads.remove(Thread.currentThread());
            if (threads.isEmpty()) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
