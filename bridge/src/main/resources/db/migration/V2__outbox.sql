-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Replies and acknowledgements on their way to sources. Clear columns hold no text and no address:
-- the reply text is sealed twice, to the bridge key for sending (sealed_for_bridge, deleted once the
-- reply is sent or cancelled) and to the analysts for the conversation view (sealed_for_analysts).
-- Acknowledgements have neither: their text comes from the configuration. Times are epoch seconds,
-- as coarse as the records' receive times ([intake] time_granularity), except next_attempt: exact
-- while an entry waits for a retry (it schedules it), 0 otherwise. effort_started is when the
-- current delivery effort began (queued, or queued again by an analyst): the give-up time counts
-- from it.
-- after_record is the newest record of the handle when the entry was queued (0: none), which
-- places the entry in the conversation without exact times. last_error is a reason code.

CREATE TABLE outbox (
    id                  ${id_column},
    handle              VARCHAR(64)    NOT NULL,
    channel             VARCHAR(16)    NOT NULL,
    kind                VARCHAR(16)    NOT NULL,
    status              VARCHAR(16)    NOT NULL,
    attempts            INTEGER        NOT NULL,
    last_error          VARCHAR(64),
    allow_plaintext     INTEGER        NOT NULL,
    after_record        BIGINT         NOT NULL,
    created_at          BIGINT         NOT NULL,
    updated_at          BIGINT         NOT NULL,
    next_attempt        BIGINT         NOT NULL,
    effort_started      BIGINT         NOT NULL,
    sealed_for_bridge   ${binary_type},
    sealed_for_analysts ${binary_type}
);

CREATE INDEX outbox_due_idx ON outbox (status, next_attempt, id);
CREATE INDEX outbox_handle_idx ON outbox (handle, kind, created_at);
