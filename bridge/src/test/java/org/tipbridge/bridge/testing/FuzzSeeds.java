// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.tipbridge.bridge.hostile.HostileCase;
import org.tipbridge.bridge.hostile.HostileCorpus;

/**
 * Seed inputs for the fuzz tests ({@code @MethodSource} before {@code @FuzzTest}): Jazzer runs
 * each as a regression case in every build and, when fuzzing, starts its mutations from them.
 * The hostile corpus of one kind (cases over {@link #MAX_SEED_BYTES} are left out: a seed that
 * large slows every mutation), plus named resources and literal minimal inputs.
 */
public final class FuzzSeeds {
    /** The largest hostile case used as a seed. */
    public static final int MAX_SEED_BYTES = 256 * 1024;

    private final List<Arguments> seeds = new ArrayList<>();

    private FuzzSeeds() {}

    /**
     * Every hostile case of {@code kind} up to {@link #MAX_SEED_BYTES}, named after the case, with
     * {@code suffix} appended (a Signal case is one line without its terminator).
     */
    public static FuzzSeeds hostile(HostileCase.Kind kind, String suffix) {
        FuzzSeeds seeds = new FuzzSeeds();
        byte[] end = suffix.getBytes(StandardCharsets.UTF_8);
        for (HostileCase c : HostileCorpus.all()) {
            if (c.kind() == kind) {
                bounded(c).ifPresent(bytes -> seeds.add("hostile " + c.name(), concat(bytes, end)));
            }
        }
        return seeds;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** Adds a seed. */
    public FuzzSeeds add(String name, byte[] bytes) {
        seeds.add(Arguments.of(Named.of(name, bytes)));
        return this;
    }

    /** Adds a literal seed, UTF-8. */
    public FuzzSeeds text(String name, String text) {
        return add(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds each class-path resource (e.g. {@code interop/plaintext.eml}) as a seed named after it. */
    public FuzzSeeds resources(String... names) {
        for (String name : names) {
            try (InputStream in = FuzzSeeds.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing seed resource " + name);
                }
                add(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    public Stream<Arguments> stream() {
        return seeds.stream();
    }

    private static java.util.Optional<byte[]> bounded(HostileCase c) {
        try (InputStream in = c.open()) {
            byte[] head = in.readNBytes(MAX_SEED_BYTES + 1);
            return head.length > MAX_SEED_BYTES ? java.util.Optional.empty() : java.util.Optional.of(head);
        } catch (IOException e) {
            throw new UncheckedIOException("hostile case " + c.name() + " cannot be read", e);
        }
    }
}
