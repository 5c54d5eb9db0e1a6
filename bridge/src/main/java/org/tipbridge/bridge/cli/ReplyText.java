// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.nio.file.Path;
import org.tipbridge.bridge.outbox.ReplyDocument;

/**
 * An analyst's reply text, checked before anything is sealed: valid UTF-8, not blank, at most
 * {@link ReplyDocument#MAX_TEXT_BYTES} bytes, line ends normalised to {@code \n}. Refusals never
 * quote the text.
 */
final class ReplyText {
    private static final AnalystText REPLY = new AnalystText("reply", ReplyDocument.MAX_TEXT_BYTES);

    private ReplyText() {}

    /** The text given with {@code --message}. */
    static String fromMessage(String message) {
        return REPLY.fromMessage(message);
    }

    /**
     * The text of {@code --file}, which must hold UTF-8 (a leading byte order mark is dropped);
     * {@code -} reads standard input to its end.
     */
    static String fromFile(Path file) {
        return REPLY.fromFile(file);
    }
}
