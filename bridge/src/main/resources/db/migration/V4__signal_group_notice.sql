-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Signal groups that were sent the one-time "write to us directly" notice ([signal] group_notice).
-- group_key is HMAC(k_lookup, "dedupe", "signal", "group-notice", group id) from the mapping
-- secrets: the group id itself is never stored, and without the secrets the key names no group.
-- A row is written before the notice is sent and never removed, so a group is answered at most
-- once, across restarts and replays. No time, no count: nothing says when a group wrote.

CREATE TABLE signal_group_notice (
    group_key ${binary_type} NOT NULL PRIMARY KEY
);
