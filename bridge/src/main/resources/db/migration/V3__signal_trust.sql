-- SPDX-License-Identifier: AGPL-3.0-or-later
-- An analyst's decision to trust a Signal source's changed identity key (`tipbridge signal trust`),
-- waiting for the daemon. The CLI cannot reach signal-cli (it never opens reply addresses), so it
-- stores the decision here, sealed to the bridge key like sealed_for_bridge: a safety number is a
-- fingerprint of the source's key, so it never sits in a clear column. The sealed document names
-- the handle and either "all-known-keys" or the verified safety number's digits. It is used for one
-- attempt: the daemon clears it whenever the entry leaves `sending`, except when signal-cli did not
-- answer the trust call (the entry is queued again with the request); NULL means no request.

ALTER TABLE outbox ADD COLUMN trust_sealed ${binary_type};
