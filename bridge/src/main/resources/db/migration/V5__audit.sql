-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Append-only trail of analyst actions (a status changed, the untouched originals of a record's
-- attachments were exported). No content, no analyst secret: who (the operating-system account
-- that ran the CLI), which action with its short detail (e.g. the new status), on which record,
-- when (epoch seconds, exact: it describes analysts, not sources).
CREATE TABLE audit_events (
    id        ${id_column},
    at        BIGINT      NOT NULL,
    actor     VARCHAR(64) NOT NULL,
    action    VARCHAR(32) NOT NULL,
    detail    VARCHAR(64),
    record_id BIGINT      NOT NULL
);

CREATE INDEX audit_events_record_idx ON audit_events (record_id, id);
