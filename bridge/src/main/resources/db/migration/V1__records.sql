-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Records, attachments, quarantine and handle mappings. Clear columns hold only ids, handles,
-- channels, coarse times (epoch seconds), statuses, counts, sizes, keyed hashes and blob ids;
-- everything else is sealed: the record itself (small: text and attachment list) inline in
-- sealed_record, so committing a batch of tips costs one fsync; attachments in sealed blob files. Portable between SQLite and PostgreSQL: the engine fills
-- in ${id_column} (an auto-assigned, never reused BIGINT primary key) and ${binary_type}.

CREATE TABLE records (
    id               ${id_column},
    handle           VARCHAR(64)    NOT NULL,
    channel          VARCHAR(16)    NOT NULL,
    received_at      BIGINT         NOT NULL,
    status           VARCHAR(16)    NOT NULL,
    attachment_count INTEGER        NOT NULL,
    size_bytes       BIGINT         NOT NULL,
    dedupe_key       ${binary_type} NOT NULL,
    sealed_record    ${binary_type} NOT NULL,
    CONSTRAINT records_dedupe_key_uq UNIQUE (dedupe_key)
);

CREATE INDEX records_received_idx ON records (received_at, id);
CREATE INDEX records_handle_idx ON records (handle);

CREATE TABLE record_attachments (
    record_id BIGINT      NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    position  INTEGER     NOT NULL,
    blob_id   VARCHAR(64) NOT NULL,
    CONSTRAINT record_attachments_pk PRIMARY KEY (record_id, position)
);

CREATE TABLE quarantine (
    id            ${id_column},
    channel       VARCHAR(16)    NOT NULL,
    received_at   BIGINT         NOT NULL,
    reason_code   VARCHAR(64)    NOT NULL,
    dedupe_key    ${binary_type} NOT NULL,
    original_blob VARCHAR(64),
    size_bytes    BIGINT         NOT NULL,
    CONSTRAINT quarantine_dedupe_key_uq UNIQUE (dedupe_key)
);

CREATE INDEX quarantine_received_idx ON quarantine (received_at, id);

-- The only place a sender can be linked to a handle, and only with secrets kept outside the
-- database: lookup_key is HMAC(k_lookup, identity), sealed_reply is AEAD(k_map, reply address).
CREATE TABLE handle_mappings (
    handle       VARCHAR(64)    NOT NULL,
    lookup_key   ${binary_type} NOT NULL,
    sealed_reply ${binary_type} NOT NULL,
    last_seen    BIGINT         NOT NULL,
    CONSTRAINT handle_mappings_pk PRIMARY KEY (handle),
    CONSTRAINT handle_mappings_lookup_key_uq UNIQUE (lookup_key)
);
