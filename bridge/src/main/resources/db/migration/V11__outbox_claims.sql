-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Who is sending an outbox entry, and since when. Set by the queued -> sending transition and
-- cleared (NULL) by every transition out of sending, so they describe an in-flight send only.
-- claimed_by is the claiming dispatcher's instance id (a random name, no sender data); claimed_at
-- is the exact epoch second of the claim by that dispatcher's clock. An outbox run re-queues only
-- its own dispatcher's leftovers and claims older than the stale age (decision 13), never a send
-- another node may still be making. Entries left sending before this migration have no claim and
-- count as abandoned.

ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE outbox ADD COLUMN claimed_at BIGINT;
