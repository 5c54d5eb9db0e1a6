// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tipbridge.bridge.hostile.HostileCase;
import org.tipbridge.bridge.testing.FuzzSeeds;
import org.tipbridge.signal.SignalFixtures;
import org.tipbridge.signal.SignalLineCheck;

/**
 * Raw bytes from signal-cli's socket through the receiver's line reader, line classification and
 * envelope parser ({@link SignalLineCheck}). Every build runs the seeds and the files in
 * {@code SignalLineFuzzTestInputs}; with {@code JAZZER_FUZZ=1} Jazzer mutates them (docs/fuzzing.md).
 */
class SignalLineFuzzTest {
    private static final SignalLineCheck CHECK = new SignalLineCheck();
    private static final String[] FIXTURES = {
        "absent-arrays",
        "attachment-photo-exif",
        "call",
        "edit",
        "exception-envelope",
        "expiring",
        "group-message",
        "mentions-previews",
        "nulls",
        "number-hidden",
        "quote",
        "reaction",
        "receipt",
        "remote-delete",
        "shared-contact",
        "sticker",
        "story",
        "sync-sent",
        "text-unknown-fields",
        "text",
        "typing",
        "view-once",
        "wrong-types"
    };

    static Stream<Arguments> seeds() {
        FuzzSeeds seeds = FuzzSeeds.hostile(HostileCase.Kind.SIGNAL, "\n");
        for (String name : FIXTURES) {
            seeds.add("signal-cli 0.14 " + name, notification(SignalFixtures.line(name + ".json")));
        }
        return seeds
                .text("answer to subscribeReceive", "{\"jsonrpc\":\"2.0\",\"result\":0,\"id\":1}\n")
                .text("answer to version", "{\"jsonrpc\":\"2.0\",\"result\":{\"version\":\"0.14.1\"},\"id\":2}\n")
                .text("error answer", "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-1,\"message\":\"x\"},\"id\":1}\n")
                .text(
                        "on-start notification",
                        "{\"jsonrpc\":\"2.0\",\"method\":\"receive\",\"params\":{\"envelope\":{}}}\n")
                .text("two lines and a partial one", "{}\r\n[]\n{\"jsonrpc\"")
                .stream();
    }

    /** A {@code receive} notification carrying {@code result}, as signal-cli writes it in manual mode. */
    private static byte[] notification(byte[] result) {
        String line = "{\"jsonrpc\":\"2.0\",\"method\":\"receive\",\"params\":{\"subscription\":0,\"result\":"
                + new String(result, StandardCharsets.UTF_8) + "}}\n";
        return line.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Any bytes become envelopes, refused lines, unreadable lines or answers: never another
     * exception, and no refusal or envelope text that quotes the input.
     */
    @MethodSource("seeds")
    @FuzzTest(maxDuration = "40s")
    void anyBytesFromSignalCliBecomeTypedLinesOrRefusals(byte[] stream) {
        CHECK.check(stream);
    }
}
