-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Retention finds idle and orphaned handle mappings by last_seen (handle_idle_days, orphan grace).
CREATE INDEX handle_mappings_last_seen_idx ON handle_mappings (last_seen);
