// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * An entry's data, inflated as it is read, counted against the shared budget, and refused once it
 * expands more than {@code maxRatio} times its compressed size (plus a small allowance for tiny
 * entries): a compression bomb stops after a bounded amount of work.
 */
final class ZipEntryData extends FilterInputStream {
    /** Tiny entries may expand past the ratio by this much (a 40-byte part of a document). */
    static final int SMALL_ENTRY_ALLOWANCE = 4096;

    private static final int STORED = 0;
    private static final int DEFLATED = 8;

    private final ExpansionBudget budget;
    private final Inflater inflater;
    private final long maxExpanded;
    private long expanded;

    private ZipEntryData(InputStream data, Inflater inflater, ExpansionBudget budget, long compressed) {
        super(data);
        this.budget = budget;
        this.inflater = inflater;
        this.maxExpanded = budget.limits().maxRatio() * compressed + SMALL_ENTRY_ALLOWANCE;
    }

    static ZipEntryData open(ZipArchive zip, ZipArchive.Entry entry, ExpansionBudget budget) throws CannotClean {
        InputStream raw = new ByteArrayInputStream(zip.bytes(), entry.dataStart(), entry.dataLength());
        if (entry.method() == STORED) {
            return new ZipEntryData(raw, null, budget, entry.dataLength());
        }
        if (entry.method() != DEFLATED) {
            throw new CannotClean("ZIP compression method not supported");
        }
        Inflater inflater = new Inflater(true);
        // Raw deflate may need one byte past the data to see its end (as java.util.zip.ZipFile gives it).
        InputStream padded = new SequenceInputStream(raw, new ByteArrayInputStream(new byte[1]));
        return new ZipEntryData(new InflaterInputStream(padded, inflater), inflater, budget, entry.dataLength());
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b != -1) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] skipped = new byte[(int) Math.max(0, Math.min(n, 8192))];
        return Math.max(0, read(skipped, 0, skipped.length));
    }

    private void count(int n) throws CannotClean {
        expanded += n;
        if (expanded > maxExpanded) {
            throw new CannotClean("ZIP entry expands too much (compression bomb)");
        }
        budget.take(n);
    }

    @Override
    public void close() throws IOException {
        super.close();
        if (inflater != null) {
            inflater.end();
        }
    }
}
