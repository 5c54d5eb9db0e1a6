// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.io.InputStream;
import java.util.Set;

/**
 * Stores sealed (already encrypted) blobs by random id, streaming: no blob is ever held whole in
 * memory. Failures are {@link StoreException}s.
 */
public interface BlobStore {

    /** Starts a new blob with a fresh random id. */
    PendingBlob create();

    /** Opens a finished blob for reading; throws {@link StoreException.BlobNotFound} if absent. */
    InputStream open(String id);

    /** Deletes a finished blob; deleting an absent blob does nothing. */
    void delete(String id);

    /**
     * Deletes finished blobs whose id is not in {@code referenced} and unfinished temporary files
     * left by a crash. Run it while no blob is between {@code finish()} and its database commit
     * (at start-up, before intake begins). Returns how many files were deleted.
     */
    int sweep(Set<String> referenced);
}
