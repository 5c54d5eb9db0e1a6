-- SPDX-License-Identifier: AGPL-3.0-or-later
-- The record list filtered by a tag, a page at a time in list order (received_at, id descending),
-- without sorting every tagged record: each tag row carries its record's receive time (which
-- never changes), so the page is read straight off record_tags_received_idx. Receive times are
-- coarse and already clear on records; nothing new is revealed.

ALTER TABLE record_tags ADD COLUMN received_at BIGINT NOT NULL DEFAULT 0;
UPDATE record_tags SET received_at = (SELECT r.received_at FROM records r WHERE r.id = record_tags.record_id);

CREATE INDEX record_tags_received_idx ON record_tags (tag, received_at, record_id);
