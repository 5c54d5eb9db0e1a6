// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.tipbridge.bridge.demo.SmtpSubmit;
import org.tipbridge.bridge.hostile.HostileCase;
import org.tipbridge.signal.FakeSignalCli;

/** Hands hostile cases to a running daemon: mail over SMTP (streamed), Signal lines through the fake signal-cli. */
final class CorpusFeed {
    private final int smtpPort;
    private final FakeSignalCli signalCli;

    CorpusFeed(int smtpPort, FakeSignalCli signalCli) {
        this.smtpPort = smtpPort;
        this.signalCli = signalCli;
    }

    /** Feeds every case in order; returns the cases that could not be handed over, with why. */
    List<String> feed(List<HostileCase> corpus) {
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            HostileCase c = corpus.get(i);
            try (InputStream in = c.open()) {
                if (c.kind() == HostileCase.Kind.MAIL) {
                    SmtpSubmit.send("127.0.0.1", smtpPort, "case-" + i + "@corpus.invalid", "tips@localhost", in);
                } else {
                    signalCli.pushLine(in.readAllBytes());
                }
            } catch (IOException e) {
                refused.add(c.name() + ": " + e.getMessage());
            }
        }
        return refused;
    }
}
