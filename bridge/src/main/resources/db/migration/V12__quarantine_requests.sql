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

-- Where the e-mail's message lies in the mailbox's quarantine folder (decision 28): the folder's
-- UIDVALIDITY and the message's UID there, from the server's COPYUID answer to the move; both
-- NULL when the server gave none (no UIDPLUS) or the move was not recorded. Not sender data.
ALTER TABLE quarantine ADD COLUMN folder_uidvalidity BIGINT;
ALTER TABLE quarantine ADD COLUMN folder_uid BIGINT;

-- Quarantine-folder messages still to be expunged after retention deleted their entry in the same
-- transaction: only the folder location, no identifier, no entry id. The mailbox holder expunges
-- them and deletes the rows (expunging twice is harmless).
CREATE TABLE quarantine_expunge (
    folder_uidvalidity BIGINT NOT NULL,
    folder_uid BIGINT NOT NULL,
    PRIMARY KEY (folder_uidvalidity, folder_uid)
);
