// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.io.OutputStream;

/**
 * A blob being written. Write to {@link #out()}, then {@link #finish()} or {@link #abandon()};
 * closing an unfinished blob abandons it.
 */
public interface PendingBlob extends AutoCloseable {

    /** Where the ciphertext goes. Closing this stream only flushes it; it does not finish the blob. */
    OutputStream out();

    /** Flushes and fsyncs the blob and its directory entry, then returns its id and size. */
    BlobRef finish();

    /** Deletes whatever was written, including the finished blob if {@code finish()} already ran. */
    void abandon();

    /** Abandons the blob unless it was finished. */
    @Override
    void close();
}
