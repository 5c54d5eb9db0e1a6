-- SPDX-License-Identifier: AGPL-3.0-or-later
-- What analysts asked for a quarantine entry (decision 28). state is one of held,
-- release-requested, released, release-failed, delete-requested; state_detail a short code
-- (e.g. original-missing or the reason of a second quarantine); override_code the reason code the
-- analyst overrode; record_id the record a release made; state_at the epoch second of the last
-- change (an analyst action, not a source's time). No content, no sender data.
ALTER TABLE quarantine ADD COLUMN state VARCHAR(24) NOT NULL DEFAULT 'held';
ALTER TABLE quarantine ADD COLUMN state_detail VARCHAR(64);
ALTER TABLE quarantine ADD COLUMN override_code VARCHAR(64);
ALTER TABLE quarantine ADD COLUMN record_id BIGINT;
ALTER TABLE quarantine ADD COLUMN state_at BIGINT;

CREATE INDEX quarantine_state_idx ON quarantine (state, id);
