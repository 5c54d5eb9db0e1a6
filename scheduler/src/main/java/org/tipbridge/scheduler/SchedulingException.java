// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

/**
 * The scheduler could not be created, started or told about a job, or the cluster's tables or a
 * lease could not be read or written; the cause is Quartz's or the database driver's.
 */
public final class SchedulingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SchedulingException(String message, Throwable cause) {
        super(message, cause);
    }
}
