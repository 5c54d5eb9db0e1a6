// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** JVM options for the daemon under test: {@code --daemon-heap} and extra {@code --daemon-jvm} options. */
final class Daemons {
    private Daemons() {}

    static List<String> jvmArgs(Args args, String defaultHeap) {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + args.text("daemon-heap", defaultHeap)));
        String extra = args.text("daemon-jvm", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(Arrays.asList(extra.split("\\s+")));
        }
        return jvm;
    }

    static String rate(double count, long nanos) {
        return String.format("%.1f", count * 1e9 / nanos);
    }

    static String seconds(long nanos) {
        return String.format("%.2f s", nanos / 1e9);
    }
}
