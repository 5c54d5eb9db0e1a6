// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Cleans one format. Reads the whole file from {@code in} (to its end, also when it fails, so a
 * writer feeding it through a pipe is never blocked), writes the cleaned copy to {@code out}, and
 * reports what it found. Streaming: memory stays bounded by {@link ScrubLimits} whatever the input.
 * Never executes, renders or decodes more than needed to find metadata. A malformed or hostile
 * file gives {@link ScrubReport.Outcome#FAILED}, never an exception other than an IOException
 * from {@code in} or {@code out} themselves; exception and finding texts never quote content.
 */
public interface Cleaner {

    /** {@code head} holds the file's first bytes, already read from the file ({@code in} continues after them). */
    ScrubReport clean(byte[] head, InputStream in, OutputStream out, ScrubLimits limits) throws IOException;
}
