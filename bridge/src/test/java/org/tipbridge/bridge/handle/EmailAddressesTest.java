// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @Test
    void normalisesAddressCase() {
        assertThat(EmailAddresses.normalise("Someone@Example.ORG")).contains("someone@example.org");
        assertThat(EmailAddresses.normalise("SOMEONE@EXAMPLE.ORG"))
                .isEqualTo(EmailAddresses.normalise("someone@example.org"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "  someone@example.org  | someone@example.org",
                "<someone@example.org> | someone@example.org",
                "Some One <Someone@Example.org> | someone@example.org",
                "someone@example.org. | someone@example.org",
                "someone+tips@example.org | someone+tips@example.org",
                "x@abcdefghijklmnopqrstuvwxyz234567.onion | x@abcdefghijklmnopqrstuvwxyz234567.onion",
                "JOSÉ@example.org | josé@example.org",
            })
    void normalises(String raw, String expected) {
        assertThat(EmailAddresses.normalise(raw)).contains(expected);
    }

    @Test
    void composedAndDecomposedFormsMatch() {
        assertThat(EmailAddresses.normalise("jose\u0301@example.org")).contains("jos\u00e9@example.org");
    }

    @Test
    void subAddressTagsStayDistinct() {
        assertThat(EmailAddresses.normalise("a+one@example.org"))
                .isNotEqualTo(EmailAddresses.normalise("a@example.org"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "someone",
                "@example.org",
                "someone@",
                "some one@example.org",
                "someone@exa mple.org",
                "someone@example..org",
                "someone@.example.org",
                "someone@example.org..",
                "a@b@example.org",
                "someone\u0000@example.org",
                "someone@example.org\u001b[31m",
                "someone\u200b@example.org",
                "a@example.org, b@example.org",
                "<>",
                "someone@\u00a0example.org"
            })
    void rejectsImplausibleAddresses(String raw) {
        assertThat(EmailAddresses.normalise(raw)).isEmpty();
    }

    @Test
    void rejectsOverlongAddresses() {
        String local = "a".repeat(64);
        String domain = "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(63) + ".org";
        assertThat(EmailAddresses.normalise(local + "@" + domain)).isEmpty();
        assertThat(EmailAddresses.normalise("a".repeat(65) + "@example.org")).isEmpty();
        assertThat(EmailAddresses.normalise(local + "@example.org")).isPresent();
    }
}
