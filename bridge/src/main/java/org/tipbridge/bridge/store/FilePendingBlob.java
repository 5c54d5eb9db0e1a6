// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** One blob being written to {@code <id>.partial}; {@link #finish()} fsyncs it and renames it to {@code <id>}. */
final class FilePendingBlob implements PendingBlob {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final String id;
    private final Path partial;
    private final Path target;
    private final FileChannel channel;
    private final OutputStream out;
    private final Runnable onDone;
    private boolean finished;
    private boolean done;

    FilePendingBlob(String id, Path partial, Path target, FileChannel channel, Runnable onDone) {
        this.id = id;
        this.partial = partial;
        this.target = target;
        this.channel = channel;
        this.onDone = onDone;
        this.out = new FlushOnClose(new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES));
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public BlobRef finish() {
        if (done) {
            throw new IllegalStateException("blob already finished or abandoned");
        }
        try {
            out.flush();
            channel.force(true);
            long size = channel.size();
            channel.close();
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            OwnerOnly.fsyncDirectory(target.getParent());
            finished = true;
            end();
            return new BlobRef(id, size);
        } catch (IOException e) {
            abandon();
            throw new StoreException("cannot finish a blob", e);
        }
    }

    @Override
    public void abandon() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted next; a failed close changes nothing
        }
        try {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new StoreException("cannot delete an abandoned blob", e);
        } finally {
            end();
        }
    }

    @Override
    public void close() {
        if (!finished) {
            abandon();
        }
    }

    private void end() {
        if (!done) {
            done = true;
            onDone.run();
        }
    }

    /** Lets callers close the stream (OpenPGP writers do) without closing the file under the blob. */
    private static final class FlushOnClose extends FilterOutputStream {
        FlushOnClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
