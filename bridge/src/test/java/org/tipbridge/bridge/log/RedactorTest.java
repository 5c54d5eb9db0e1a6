// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "mail from alice@example.org accepted | mail from [redacted] accepted",
                "to: tips@localhost | to: [redacted]",
                "user=first.last+tips@mail.example.co.uk; | user=[redacted];",
                "from jörg@bücher.de | from [redacted]",
            })
    void redactsEmailAddresses(String line, String expected) {
        assertThat(Redactor.redact(line)).isEqualTo(expected);
    }

    @Test
    void redactsMessageIds() {
        assertThat(Redactor.redact("Message-ID <CAF+1x=abc@mail.gmail.com> seen"))
                .isEqualTo("Message-ID [redacted] seen");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "signal message from +4915112345678 | signal message from [redacted]",
                "sender +49 30 1234567, 3 attachments | sender [redacted], 3 attachments",
                "call +1 (555) 123-4567 now | call [redacted] now",
                "number +44 20 7946 0958. | number [redacted].",
                "US (555) 123-4567 | US [redacted]",
                "US 555-123-4567 | US [redacted]",
                "mobile 0151 2345 6789 | mobile [redacted]",
                "landline 030/1234567 | landline [redacted]",
            })
    void redactsPhoneNumbers(String line, String expected) {
        assertThat(Redactor.redact(line)).isEqualTo(expected);
    }

    @Test
    void redactsUuids() {
        assertThat(Redactor.redact("recipient 123e4567-e89b-12d3-a456-426614174000 registered"))
                .isEqualTo("recipient [redacted] registered");
        assertThat(Redactor.redact("ACI 123E4567-E89B-12D3-A456-426614174000")).isEqualTo("ACI [redacted]");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "connect from 192.0.2.17 | connect from [redacted]",
                "peer 10.0.0.1:993 | peer [redacted]:993",
                "v6 2001:db8::1 | v6 [redacted]",
                "v6 2001:0db8:85a3:0000:0000:8a2e:0370:7334 done | v6 [redacted] done",
                "loopback ::1 | loopback [redacted]",
                "link fe80::1ff:fe23:4567:890a%eth0 up | link [redacted] up",
                "mapped ::ffff:192.0.2.128 | mapped [redacted]",
                "bracketed [2001:db8::42]:143 | bracketed [[redacted]]:143",
                "end 2001:db8::7. | end [redacted].",
            })
    void redactsIpAddresses(String line, String expected) {
        assertThat(Redactor.redact(line)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "connected to mail.example.org | connected to [redacted]",
                "imap.EXAMPLE.ORG:993 | [redacted]:993",
                "via duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion | via [redacted]",
                "host foo.onion. | host [redacted].",
                "https://tips.example.de/path | https://[redacted]/path",
                "bare example.com | bare [redacted]",
                "resolved smtp.relay.example.net, retrying | resolved [redacted], retrying",
            })
    void redactsOnionAndHostNames(String line, String expected) {
        assertThat(Redactor.redact(line)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "record 42 sealed",
                "3 attachments, 2 quarantined",
                "job mailbox-poll took 1234 ms",
                "record 1234567890 stored in 15 ms",
                "tipbridge 0.1.0 starting",
                "read tipbridge.toml and keys/bridge.sec.asc",
                "limit 268435456 bytes, ratio 1000",
                "2026-11-03 10:15:30 next run",
                "retry in 00:05:00",
                "handle H-7K2Q-9XPM assigned",
                "fingerprint 3A1F0C2B9D8E7F6A5B4C3D2E1F0A9B8C7D6E5F4A",
                "e.g. the queue is empty",
                "user.name and mail.smtp.host are set",
                "method Seal::apply at 12:30:45",
            })
    void keepsRecordIdsAndCounts(String line) {
        assertThat(Redactor.redact(line)).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "org.tipbridge.bridge.pipeline.Seal",
                "stage org.tipbridge.bridge.pipeline.Seal failed",
                "package org.tipbridge.bridge.store",
                "java.io.IOException",
                "java.io",
                "jakarta.mail.internet.MimeMessage",
                "com.icegreen.greenmail.imap.ImapServer started",
                "ch.qos.logback.classic.Logger",
                "io.netty.channel",
                "org.tipbridge.bridge.cli.Main$Run",
                "org.tipbridge.bridge.pipeline.Seal.apply",
            })
    void keepsJavaClassNames(String line) {
        assertThat(Redactor.redact(line)).isEqualTo(line);
    }

    @Test
    @Timeout(20)
    void rejectsPathologicalInputQuickly() {
        int n = 20_000;
        String[] hostile = {
            "a.".repeat(n),
            "1".repeat(n),
            "+1 ".repeat(n),
            ":".repeat(n),
            "ab:".repeat(n),
            "x@".repeat(n),
            "<" + "a@".repeat(n),
            "0-".repeat(n),
            "+1 2".repeat(n),
            "a-b.".repeat(n)
        };
        for (String text : hostile) {
            assertThat(Redactor.redact(text)).isNotNull();
        }
    }

    @Test
    void redactsEverythingInOneLine() {
        String line = "tip from bob@example.org (+31 6 12345678) via 198.51.100.4 to abc.onion id "
                + "0f8fad5b-d9cb-469f-a165-70867728950e: 2 parts";

        assertThat(Redactor.redact(line))
                .isEqualTo("tip from [redacted] ([redacted]) via [redacted] to [redacted] id [redacted]: 2 parts");
    }
}
