// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandleNamesTest {

    @Test
    void handleHasAtLeast40Bits() {
        assertThat(HandleWords.ADJECTIVES).hasSize(256).doesNotHaveDuplicates();
        assertThat(HandleWords.ANIMALS).hasSize(256).doesNotHaveDuplicates();
        assertThat(HandleNames.SUFFIX_ALPHABET.chars().distinct().count()).isEqualTo(32);
        assertThat(HandleNames.entropyBits()).isGreaterThanOrEqualTo(40.0);
    }

    @Test
    void wordsArePlainLowercaseAsciiAndListsAreDisjoint() {
        assertThat(HandleWords.ADJECTIVES).allMatch(w -> w.matches("[a-z]{2,16}"));
        assertThat(HandleWords.ANIMALS).allMatch(w -> w.matches("[a-z]{2,16}"));
        assertThat(HandleWords.ADJECTIVES).doesNotContainAnyElementsOf(HandleWords.ANIMALS);
    }

    @Test
    void generatedHandlesAreValidAndSpread() {
        SecureRandom rng = new SecureRandom();
        Set<String> seen = new HashSet<>();
        Set<Character> suffixChars = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String handle = HandleNames.next(rng);
            assertThat(HandleNames.isHandle(handle)).as(handle).isTrue();
            seen.add(handle);
            handle.substring(handle.length() - 5).chars().forEach(c -> suffixChars.add((char) c));
        }
        assertThat(seen).hasSizeGreaterThan(19_990);
        assertThat(suffixChars).hasSize(32).doesNotContain('I', 'L', 'O', 'U');
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "amber-otter",
                "amber-otter-7K4Q",
                "amber-otter-7K4QXX",
                "amber-otter-7k4qx",
                "amber-otter-7K4QI",
                "amber-otter-7K4QO",
                "amber-otter-7K4QL",
                "amber-otter-7K4QU",
                "Amber-otter-7K4QX",
                "amber otter 7K4QX",
                "amber-otter-7K4QX\n",
                "a@b-otter-7K4QX",
                "amber-sea-otter-7K4QX"
            })
    void rejectsWhatIsNotAHandle(String text) {
        assertThat(HandleNames.isHandle(text)).isFalse();
    }

    @Test
    void acceptsAHandle() {
        assertThat(HandleNames.isHandle("amber-otter-7K4QX")).isTrue();
    }
}
