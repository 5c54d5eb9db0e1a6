// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnreadableLineRedactorTest {
    private static final String NUMBER = "+4915112345678";
    private static final String ACI = "8f2c6a0e-3b1d-4e7a-9c55-0d1e2f3a4b5c";

    private static String redact(String line) {
        return new String(
                UnreadableLineRedactor.redact(line.getBytes(StandardCharsets.UTF_8), 0), StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheSourcesTextAndDropsEveryIdentifierAndTime() {
        String line = "{\"envelope\":{\"source\":\"" + NUMBER + "\",\"sourceNumber\":\"" + NUMBER
                + "\",\"sourceUuid\":\"" + ACI + "\",\"sourceName\":\"Ranger Amina\",\"sourceDevice\":3,"
                + "\"timestamp\":1764000000001,\"dataMessage\":{\"message\":\"Trucks at the river\","
                + "\"groupInfo\":{\"groupId\":\"Zm9vYmFy\",\"groupName\":\"Rangers\"},"
                + "\"mentions\":[{\"uuid\":\"" + ACI + "\",\"number\":\"" + NUMBER + "\"}],"
                + "\"attachments\":[{\"contentType\":\"image/jpeg\",\"id\":\"Abc.jpg\",\"filename\":\"IMG_20240101_123456.jpg\",\"size\":512}]}},"
                + "\"account\":\"+254712345678\"}";

        String redacted = redact(line);

        assertThat(redacted)
                .contains("Trucks at the river", "image/jpeg", "\"size\":512", "sourceNumber")
                .doesNotContain(
                        NUMBER,
                        ACI,
                        "Ranger Amina",
                        "1764000000001",
                        "Zm9vYmFy",
                        "Rangers",
                        "+254712345678",
                        "Abc.jpg",
                        "IMG_20240101_123456",
                        "\"sourceDevice\":3");
    }

    @Test
    void identifiersUsedAsKeysOrHiddenInArraysAreRemoved() {
        String line = "{\"" + NUMBER + "\":{\"message\":\"x\"},\"" + ACI + "\":1,"
                + "\"attachments\":[{\"size\":1},\"" + NUMBER + "\",[\"" + ACI + "\"]],"
                + "\"message\":[\"kept\",[\"also kept\"]]}";

        String redacted = redact(line);

        assertThat(redacted).doesNotContain(NUMBER, ACI).contains("kept", "also kept");
    }

    @Test
    void deepNestingIsRedactedWithoutRecursion() {
        String line = "{\"envelope\":" + "[".repeat(1500) + "\"" + NUMBER + "\"" + "]".repeat(1500) + "}";

        String redacted = redact(line);

        assertThat(redacted).doesNotContain(NUMBER).startsWith("{\"envelope\":[[[");
    }

    @Test
    void inputThatStopsBeingJsonKeepsOnlyTheRedactedPartBefore() {
        String line = "{\"sourceNumber\":\"" + NUMBER + "\",\"message\":\"before\"} trailing " + ACI;
        String garbage = "\u0001\u0002 not json " + NUMBER;

        String cut = redact(line);
        String none = redact(garbage);

        assertThat(cut).doesNotContain(NUMBER, ACI).contains("before", "\"bytes\":" + line.length());
        assertThat(none).doesNotContain(NUMBER).contains("\"unreadable\"");
    }
}
