-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blobs and the Signal spool inside the database, for PostgreSQL (several nodes, no shared file
-- system); SQLite keeps both in files and leaves these tables empty. Everything stored here is
-- already sealed. Times are epoch seconds.

-- A blob's header: 'pending' while its chunks are written, 'finished' once complete.
CREATE TABLE blobs (
    id         VARCHAR(64) NOT NULL,
    state      VARCHAR(16) NOT NULL,
    size_bytes BIGINT      NOT NULL,
    created_at BIGINT      NOT NULL,
    CONSTRAINT blobs_pk PRIMARY KEY (id)
);

CREATE INDEX blobs_created_idx ON blobs (created_at);

-- A blob's content in order of seq, each chunk written in a short transaction of its own.
CREATE TABLE blob_chunks (
    blob_id VARCHAR(64)    NOT NULL REFERENCES blobs (id) ON DELETE CASCADE,
    seq     INTEGER        NOT NULL,
    data    ${binary_type} NOT NULL,
    CONSTRAINT blob_chunks_pk PRIMARY KEY (blob_id, seq)
);
