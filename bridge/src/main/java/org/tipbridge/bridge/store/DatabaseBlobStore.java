// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Blobs inside the database (tables {@code blobs} and {@code blob_chunks}), so that several nodes
 * need no shared file system: written and read in chunks of {@link #CHUNK_BYTES}, each chunk its
 * own short transaction without the store lock, so memory stays bounded for any blob size. Ids
 * are 128 random bits in lowercase hex, as with {@link FileBlobStore}.
 */
public final class DatabaseBlobStore implements BlobStore {

    /** Bytes per stored chunk (the last one of a blob may be shorter). */
    public static final int CHUNK_BYTES = 256 * 1024;

    /**
     * How old (by its hour-rounded creation time) an unreferenced or unfinished blob must be before
     * {@link #sweep} deletes it: on a shared database another node may be between a blob's {@code
     * finish()} and the commit of the record that refers to it, which takes seconds, never an hour;
     * so a blob is swept between one and two hours after it was created.
     */
    public static final Duration SWEEP_SAFETY_AGE = Duration.ofHours(2);

    /** How finely {@code blobs.created_at} is kept (the sweep's safety age allows for it). */
    static final Duration CREATED_GRANULARITY = Duration.ofHours(1);

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private final Transactor tx;
    private final Clock clock;
    private final SecureRandom rng;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /** Uses {@code tx} (which should not take the store lock: chunk writes are not record commits). */
    DatabaseBlobStore(Transactor tx, Clock clock, SecureRandom rng) {
        this.tx = tx;
        this.clock = clock;
        this.rng = rng;
    }

    /**
     * A blob's creation time, to the hour: exact creation times would date the message it came
     * from more finely than the records' coarse receive times do.
     */
    private static long coarse(long epochSecond) {
        return epochSecond - Math.floorMod(epochSecond, CREATED_GRANULARITY.toSeconds());
    }

    @Override
    public PendingBlob create() {
        String id = newId();
        long now = coarse(clock.instant().getEpochSecond());
        tx.run("create a blob", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO blobs (id, state, size_bytes, created_at) VALUES (?, 'pending', 0, ?)")) {
                s.setString(1, id);
                s.setLong(2, now);
                return s.executeUpdate();
            }
        });
        inFlight.add(id);
        return new DatabasePendingBlob(new BlobChunks(tx, id), () -> inFlight.remove(id));
    }

    @Override
    public InputStream open(String id) {
        if (!ID.matcher(id).matches()) {
            throw new StoreException.BlobNotFound();
        }
        BlobChunks chunks = new BlobChunks(tx, id);
        java.util.OptionalLong size = chunks.finishedSize();
        if (size.isEmpty()) {
            throw new StoreException.BlobNotFound();
        }
        return new ChunkInputStream(chunks, size.getAsLong());
    }

    @Override
    public void delete(String id) {
        if (ID.matcher(id).matches()) {
            new BlobChunks(tx, id).deleteAll();
        }
    }

    @Override
    public int sweep(Set<String> referenced) {
        long before = clock.instant().minus(SWEEP_SAFETY_AGE).getEpochSecond();
        List<String> leftovers = tx.run("list old blobs", c -> oldBlobs(c, before, referenced));
        for (String id : leftovers) {
            delete(id);
        }
        return leftovers.size();
    }

    /** Blobs created before {@code before} that are unfinished, or finished and not referenced. */
    private List<String> oldBlobs(Connection c, long before, Set<String> referenced) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, state FROM blobs WHERE created_at < ?")) {
            s.setLong(1, before);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    boolean finished = BlobChunks.FINISHED.equals(rs.getString(2));
                    if (!inFlight.contains(id) && (!finished || !referenced.contains(id))) {
                        out.add(id);
                    }
                }
            }
        }
        return out;
    }

    private String newId() {
        byte[] bits = new byte[16];
        rng.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }
}
