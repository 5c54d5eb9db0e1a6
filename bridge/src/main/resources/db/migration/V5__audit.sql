-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Append-only trail of analyst actions that matter after the fact (e.g. the untouched originals of
-- a record's attachments were exported). No content, no analyst secret: which action, on which
-- record, when (epoch seconds, exact: it describes analysts, not sources).
CREATE TABLE audit_events (
    id        ${id_column},
    at        BIGINT      NOT NULL,
    action    VARCHAR(32) NOT NULL,
    record_id BIGINT      NOT NULL
);

CREATE INDEX audit_events_record_idx ON audit_events (record_id, id);
