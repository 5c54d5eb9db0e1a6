// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The append-only trail of analyst actions: who did what to which record, when; no content. */
public interface AuditLog {

    /** Actions, by their stable names. */
    String ORIGINALS_OPENED = "originals-opened";

    String STATUS_CHANGED = "status-changed";

    /** Appends one event, durably. */
    void append(Event event);

    /** The events of one record, oldest first. */
    List<AuditEvent> forRecord(long recordId);

    /** The newest {@code limit} events, newest first. */
    List<AuditEvent> recent(int limit);

    /** What to append: {@code actor} is the account that ran the CLI, {@code detail} e.g. the new status. */
    record Event(String actor, String action, Optional<String> detail, long recordId, Instant at) {}

    /** One stored event. */
    record AuditEvent(long id, Instant at, String actor, String action, Optional<String> detail, long recordId) {}
}
