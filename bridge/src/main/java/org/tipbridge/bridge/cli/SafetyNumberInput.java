// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import org.tipbridge.bridge.outbox.TrustDecision;

/**
 * Reads the safety number an analyst compared with the source, never from the command line: from
 * the console without echo when there is one, else from standard input. Enter ends it once 60
 * characters are in; a number pasted as Signal's grid (line breaks, tabs) is read line by line
 * until it is complete, an empty line or the end of input. All whitespace is removed before the
 * 60 digits are checked; nothing read is ever repeated.
 *
 * <p>Java has a console only when standard input and output are both terminals: with output
 * redirected ({@code --json | jq}) the number is read from standard input, and a terminal there
 * echoes it; {@code --help} and docs/analyst.md say to pipe it in then. The number is not wiped
 * from memory: it becomes {@code String}s on its way into the sealed request.
 */
final class SafetyNumberInput {
    /** Most characters read in all, whitespace included. */
    static final int MAX_CHARS = 256;
    /** Most lines read (Signal shows 12 groups of 5 digits). */
    static final int MAX_LINES = 12;

    /** One line at a time, without its line end; empty at the end of input. */
    interface Lines {
        Optional<char[]> next(String prompt) throws IOException;
    }

    private SafetyNumberInput() {}

    /** The console's {@code readPassword} when there is a console, else lines of standard input. */
    static Lines terminalOrStandardInput() {
        Console console = System.console();
        if (console != null) {
            return prompt -> Optional.ofNullable(console.readPassword("%s", prompt));
        }
        InputStream in = System.in;
        return prompt -> line(in);
    }

    /** Reads and checks the number; a malformed one is a usage error that does not repeat it. */
    static TrustDecision.VerifiedSafetyNumber read(Lines lines, String handle) {
        char[] kept = new char[MAX_CHARS + 1];
        int count = 0;
        try {
            for (int n = 0; n < MAX_LINES && count < TrustDecision.SAFETY_NUMBER_DIGITS; n++) {
                Optional<char[]> line = lines.next(prompt(handle, count));
                if (line.isEmpty()) {
                    break;
                }
                int before = count;
                count = append(line.get(), kept, count);
                if (count == before || count > MAX_CHARS) {
                    break;
                }
            }
            return TrustDecision.safetyNumber(count > MAX_CHARS ? "" : String.valueOf(kept, 0, count))
                    .orElseThrow(SafetyNumberInput::malformed);
        } catch (IOException e) {
            throw new CliFailure.Other(
                    "cannot read the safety number (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Appends the characters of {@code line} that are not whitespace. */
    private static int append(char[] line, char[] kept, int count) {
        for (char c : line) {
            if (count > MAX_CHARS) {
                break;
            }
            if (!isSpace(c)) {
                kept[count++] = c;
            }
        }
        return count;
    }

    /** Whitespace as the regular expression {@code \s} means it: space, tab, line breaks, form feed. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static String prompt(String handle, int count) {
        if (count == 0) {
            return "Safety number of " + handle + " (" + TrustDecision.SAFETY_NUMBER_DIGITS
                    + " digits, not shown as you type; Enter ends it): ";
        }
        return "(" + count + " of " + TrustDecision.SAFETY_NUMBER_DIGITS
                + " so far; go on, or an empty line to stop): ";
    }

    static CliFailure.Usage malformed() {
        return new CliFailure.Usage("--safety-number must be the " + TrustDecision.SAFETY_NUMBER_DIGITS
                + " digits Signal shows for the conversation (spaces, tabs and line breaks allowed, nothing"
                + " else); it is not repeated here");
    }

    /** One line of {@code in} (LF or CRLF ends it), at most {@link #MAX_CHARS} + 1 characters; empty at the end. */
    private static Optional<char[]> line(InputStream in) throws IOException {
        char[] buffer = new char[MAX_CHARS + 1];
        int length = 0;
        int b = in.read();
        if (b < 0) {
            return Optional.empty();
        }
        while (b >= 0 && b != '\n' && length < buffer.length) {
            buffer[length++] = (char) b;
            b = length < buffer.length ? in.read() : -1;
        }
        return Optional.of(Arrays.copyOf(buffer, length));
    }
}
