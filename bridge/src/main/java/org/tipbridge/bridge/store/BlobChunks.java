// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** The rows of one database blob: its header in {@code blobs}, its content in {@code blob_chunks}. */
final class BlobChunks {

    static final String FINISHED = "finished";

    private final Transactor tx;
    private final String id;

    BlobChunks(Transactor tx, String id) {
        this.tx = tx;
        this.id = id;
    }

    String id() {
        return id;
    }

    /** Stores chunk {@code seq}: {@code length} bytes of {@code data}. */
    void append(int seq, byte[] data, int length) {
        byte[] chunk = length == data.length ? data : java.util.Arrays.copyOf(data, length);
        tx.run("write a blob", c -> {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO blob_chunks (blob_id, seq, data) VALUES (?, ?, ?)")) {
                s.setString(1, id);
                s.setInt(2, seq);
                s.setBytes(3, chunk);
                return s.executeUpdate();
            }
        });
    }

    /** Marks the blob finished with its total size; false if it was deleted meanwhile. */
    boolean finish(long size) {
        return tx.run("finish a blob", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE blobs SET state = 'finished', size_bytes = ? WHERE id = ? AND state = 'pending'")) {
                s.setLong(1, size);
                s.setString(2, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    boolean finished() {
        return finishedSize().isPresent();
    }

    /** The size of the finished blob; empty while it is pending or when it does not exist. */
    java.util.OptionalLong finishedSize() {
        return tx.run("open a blob", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT state, size_bytes FROM blobs WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && FINISHED.equals(rs.getString(1))
                            ? java.util.OptionalLong.of(rs.getLong(2))
                            : java.util.OptionalLong.empty();
                }
            }
        });
    }

    /** Chunk {@code seq}, or empty past the last one (or if the blob was deleted meanwhile). */
    Optional<byte[]> chunk(int seq) {
        return tx.run("read a blob", c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT data FROM blob_chunks WHERE blob_id = ? AND seq = ?")) {
                s.setString(1, id);
                s.setInt(2, seq);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /** Deletes the chunks and the header, in one transaction; nothing happens if they are gone. */
    void deleteAll() {
        tx.run("delete a blob", c -> {
            for (String sql :
                    new String[] {"DELETE FROM blob_chunks WHERE blob_id = ?", "DELETE FROM blobs WHERE id = ?"}) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, id);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }
}
