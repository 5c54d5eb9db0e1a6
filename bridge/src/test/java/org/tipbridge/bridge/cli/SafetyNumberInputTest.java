// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.outbox.TrustDecision;

/**
 * The console path of {@code --safety-number -}: lines as {@code Console.readPassword} returns them
 * (no line end, no echo) are normalised exactly like standard input.
 */
class SafetyNumberInputTest {
    private static final String HANDLE = "amber-otter-7K4QX";
    private static final String DIGITS = "051238493712093485761029384756564738291019283746501122334455";

    @Test
    void consoleLineWithSpacesAndTabsIsTheSixtyDigitsAndEnterEndsIt() {
        ScriptedConsole console = new ScriptedConsole(
                "05123 84937\t12093 48576 10293 84756 56473 82910 19283 74650" + " 11223 34455", "never read");

        assertThat(SafetyNumberInput.read(console, HANDLE)).isEqualTo(new TrustDecision.VerifiedSafetyNumber(DIGITS));
        assertThat(console.prompts).hasSize(1);
    }

    @Test
    void consoleGridPastedOverSeveralLinesIsReadUntilSixtyDigits() {
        ScriptedConsole console = new ScriptedConsole(
                "05123 84937 12093 48576", "\t10293 84756 56473 82910\r", "19283 74650 11223 34455");

        assertThat(SafetyNumberInput.read(console, HANDLE)).isEqualTo(new TrustDecision.VerifiedSafetyNumber(DIGITS));
        assertThat(console.prompts).hasSize(3);
    }

    @Test
    void firstPromptNamesTheHandleAndNoEchoLaterPromptsShowOnlyACount() {
        ScriptedConsole console = new ScriptedConsole(DIGITS.substring(0, 20), DIGITS.substring(20));

        SafetyNumberInput.read(console, HANDLE);

        assertThat(console.prompts.get(0)).contains(HANDLE).contains("not shown as you type");
        assertThat(console.prompts.get(1)).startsWith("(20 of 60 so far").doesNotContain(DIGITS.substring(0, 5));
    }

    @Test
    void emptyLineOrEndOfInputEndsAShortNumberAsAUsageErrorThatDoesNotRepeatIt() {
        for (ScriptedConsole console : List.of(
                new ScriptedConsole(DIGITS.substring(0, 30), "", DIGITS.substring(30)),
                new ScriptedConsole(DIGITS.substring(0, 30)),
                new ScriptedConsole())) {
            assertThatThrownBy(() -> SafetyNumberInput.read(console, HANDLE))
                    .isInstanceOf(CliFailure.Usage.class)
                    .hasMessageContaining("must be the 60 digits")
                    .hasMessageNotContaining("05123");
        }
    }

    @Test
    void lettersOrTooManyDigitsAreRefused() {
        for (String typed : List.of(DIGITS.substring(1) + "x", DIGITS + "1", "1".repeat(1000))) {
            assertThatThrownBy(() -> SafetyNumberInput.read(new ScriptedConsole(typed), HANDLE))
                    .isInstanceOf(CliFailure.Usage.class)
                    .hasMessageNotContaining("11111");
        }
    }

    /** Lines as {@code Console.readPassword} gives them: without the line end, null (empty) at the end of input. */
    private static final class ScriptedConsole implements SafetyNumberInput.Lines {
        final List<String> prompts = new ArrayList<>();
        private final Deque<String> lines;

        ScriptedConsole(String... lines) {
            this.lines = new ArrayDeque<>(List.of(lines));
        }

        @Override
        public Optional<char[]> next(String prompt) {
            prompts.add(prompt);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(lines.removeFirst().toCharArray());
        }
    }
}
