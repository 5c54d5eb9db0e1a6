// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.List;

/** The append-only trail of analyst actions: what was done to which record, when; no content. */
public interface AuditLog {

    /** Actions, by their stable names. */
    String ORIGINALS_OPENED = "originals-opened";

    /** Appends one event, durably. */
    void append(String action, long recordId, Instant at);

    /** The events of one record, oldest first. */
    List<AuditEvent> forRecord(long recordId);

    /** One event. */
    record AuditEvent(long id, Instant at, String action, long recordId) {}
}
