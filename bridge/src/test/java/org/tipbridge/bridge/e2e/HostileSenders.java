// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tipbridge.bridge.hostile.HostileCase;

/**
 * The sender identifiers of the hostile corpus, read from each case: the address in a mail's
 * {@code From} header, a Signal line's {@code sourceNumber} and {@code sourceUuid}. One is kept
 * only where the case carries it nowhere but in its header or envelope fields (its content may
 * show it on purpose: a body quoting an address is content).
 */
final class HostileSenders {
    private static final int HEADER_LIMIT = 256 * 1024;
    private static final Pattern FROM =
            Pattern.compile("(?im)^From:[^\\r\\n]*?<?([A-Za-z0-9._%+-]{3,}@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})>?");
    private static final Pattern SIGNAL_SOURCE =
            Pattern.compile("\"(?:sourceNumber|sourceUuid)\"\\s*:\\s*\"([^\"]{7,64})\"");

    private HostileSenders() {}

    static Set<String> of(List<HostileCase> corpus) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        for (HostileCase c : corpus) {
            ids.addAll(of(c));
        }
        return ids;
    }

    private static Set<String> of(HostileCase c) throws IOException {
        String head;
        try (InputStream in = c.open()) {
            head = new String(in.readNBytes(HEADER_LIMIT), StandardCharsets.ISO_8859_1);
        }
        Set<String> found = new LinkedHashSet<>();
        if (c.kind() == HostileCase.Kind.MAIL) {
            int end = head.indexOf("\r\n\r\n");
            if (end < 0) {
                return found; // a header larger than we look at: which part is content is unclear
            }
            String header = head.substring(0, end);
            Matcher m = FROM.matcher(header);
            if (m.find() && occurrences(c, m.group(1)) == count(header, m.group(1))) {
                found.add(m.group(1));
            }
        } else {
            Matcher m = SIGNAL_SOURCE.matcher(head);
            while (m.find()) {
                found.add(m.group(1));
            }
            found.removeIf(id -> occurrences(c, id) > 2);
        }
        return found;
    }

    /** Occurrences in a mail's header: the address may be in From, Sender, Reply-To; never in content. */
    private static long count(String header, String id) {
        long n = 0;
        for (int i = header.indexOf(id); i >= 0; i = header.indexOf(id, i + 1)) {
            n++;
        }
        return n;
    }

    /** How often {@code id} occurs in the case, as is, streamed (a case may be larger than the heap). */
    private static long occurrences(HostileCase c, String id) {
        byte[] needle = id.getBytes(StandardCharsets.ISO_8859_1);
        byte[] window = new byte[64 * 1024 + needle.length];
        long count = 0;
        int kept = 0;
        try (InputStream in = c.open()) {
            int n;
            while ((n = in.read(window, kept, window.length - kept)) > 0) {
                int filled = kept + n;
                for (int i = 0; i + needle.length <= filled; i++) {
                    count += matchesAt(window, i, needle) ? 1 : 0;
                }
                kept = Math.min(needle.length - 1, filled);
                System.arraycopy(window, filled - kept, window, 0, kept);
            }
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
        return count;
    }

    private static boolean matchesAt(byte[] haystack, int at, byte[] needle) {
        for (int k = 0; k < needle.length; k++) {
            if (haystack[at + k] != needle[k]) {
                return false;
            }
        }
        return true;
    }
}
