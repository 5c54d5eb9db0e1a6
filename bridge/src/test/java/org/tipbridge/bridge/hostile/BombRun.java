// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.tipbridge.bridge.pipeline.Outcome;

/**
 * Runs the corpus' memory-hungry cases (compression and zip bombs, the size and line limits far
 * over) through the mail pipeline in a JVM of its own, which {@link BombHeapTest} starts with a
 * small heap: an {@link OutOfMemoryError} or a wrong outcome exits non-zero. Prints one line per case.
 */
public final class BombRun {
    private BombRun() {}

    /** The cases that would need gigabytes if anything on their way held them whole. */
    static List<HostileCase> heavy() {
        return HostileCorpus.all().stream()
                .filter(c -> c.kind() == HostileCase.Kind.MAIL)
                .filter(c -> BombCases.isBomb(c)
                        || c.name().startsWith("zip-bomb")
                        || c.name().startsWith("message-size")
                        || c.name().contains("far-over"))
                .toList();
    }

    public static void main(String[] args) throws Exception {
        int wrong = 0;
        try (HostileFixture fixture = HostileFixture.open(Path.of(args[0]))) {
            for (HostileCase c : heavy()) {
                wrong += run(fixture, c) ? 0 : 1;
            }
        } catch (OutOfMemoryError e) {
            System.out.println("out of memory");
            System.exit(3);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.println("max heap " + (rt.maxMemory() >> 20) + " MiB");
        System.exit(wrong == 0 ? 0 : 1);
    }

    private static boolean run(HostileFixture fixture, HostileCase c) throws Exception {
        Outcome outcome = fixture.ingest(c);
        Optional<String> reason = outcome instanceof Outcome.Quarantined q
                ? Optional.of(q.reason().code())
                : Optional.empty();
        boolean tip = outcome instanceof Outcome.Prepared;
        Expected expected = c.expected();
        boolean right = switch (expected.verdict()) {
            case TIP -> tip;
            case QUARANTINE -> reason.equals(expected.reason());
            case IGNORED -> false;
        };
        System.out.println((right ? "ok " : "WRONG ") + c.name() + " " + (tip ? "tip" : reason.orElse("?")));
        return right;
    }
}
