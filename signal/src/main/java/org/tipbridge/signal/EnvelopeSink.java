// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

/**
 * Takes each received notification's {@code result} object (the JSON of {@code {envelope, account}})
 * exactly as it came. signal-cli has already acknowledged it to Signal's server, so it must be
 * durable when {@link #accept} returns; if it throws, the receiver offers the same bytes again
 * (after a pause) and reads nothing further until it is taken.
 */
@FunctionalInterface
public interface EnvelopeSink {
    void accept(byte[] resultJson) throws Exception;

    /**
     * Takes a line within the line limit that could not be read as a notification (not JSON, over
     * a depth or string limit, a {@code receive} without an envelope object), exactly as it came,
     * so that it can be kept (quarantined) rather than lost; the same retry rules as {@link #accept}
     * apply. The default drops it; the receiver counts it either way.
     */
    default void acceptUnreadable(byte[] line) throws Exception {}
}
