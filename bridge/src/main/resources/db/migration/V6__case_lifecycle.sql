-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Case lifecycle and retention. On records: assigned_to (an analyst's name, free text the analysts
-- chose; NULL: nobody), touched_at (epoch seconds of the last analyst action on the record: status,
-- tag, assignment, note or hold; the receive time until then; retention's "untouched" clock),
-- closed_at (when the status last became closed; NULL while not closed) and keep_until (a legal
-- hold: retention leaves the record alone until this epoch second; NULL: no hold).
-- record_tags holds short analyst labels; record_notes holds analysts' private notes, sealed to
-- the analysts like the record itself (who and when in clear, as in the audit log). Both go with
-- their record.

ALTER TABLE records ADD COLUMN assigned_to VARCHAR(64);
ALTER TABLE records ADD COLUMN touched_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE records ADD COLUMN closed_at BIGINT;
ALTER TABLE records ADD COLUMN keep_until BIGINT;
UPDATE records SET touched_at = received_at;

CREATE INDEX records_status_idx ON records (status, received_at, id);
CREATE INDEX records_assigned_idx ON records (assigned_to, received_at, id);
CREATE INDEX records_channel_idx ON records (channel, received_at, id);
CREATE INDEX records_touched_idx ON records (touched_at);
CREATE INDEX records_closed_idx ON records (closed_at);

CREATE TABLE record_tags (
    record_id BIGINT      NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    tag       VARCHAR(32) NOT NULL,
    CONSTRAINT record_tags_pk PRIMARY KEY (record_id, tag)
);

CREATE INDEX record_tags_tag_idx ON record_tags (tag, record_id);

CREATE TABLE record_notes (
    id          ${id_column},
    record_id   BIGINT         NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    at          BIGINT         NOT NULL,
    actor       VARCHAR(64)    NOT NULL,
    sealed_note ${binary_type} NOT NULL
);

CREATE INDEX record_notes_record_idx ON record_notes (record_id, id);
