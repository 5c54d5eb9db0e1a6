// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

/** The scheduler could not be created, started or told about a job; the cause is Quartz's. */
public final class SchedulingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SchedulingException(String message, Throwable cause) {
        super(message, cause);
    }
}
