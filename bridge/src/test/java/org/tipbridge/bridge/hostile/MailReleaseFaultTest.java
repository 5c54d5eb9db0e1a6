// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.intake.mail.MailParser;
import org.tipbridge.bridge.intake.mail.SignerDirectory;
import org.tipbridge.bridge.pipeline.AckPolicy;
import org.tipbridge.bridge.pipeline.AnalystSeal;
import org.tipbridge.bridge.pipeline.CoarseClock;
import org.tipbridge.bridge.pipeline.MailPipeline;
import org.tipbridge.bridge.pipeline.MailRelease;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.bridge.pipeline.ReleaseOverride;
import org.tipbridge.bridge.pipeline.StripMail;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.testing.MailBuilder;

/** A release whose processing throws is a refusal (processing-failed), not an exception for the intake. */
class MailReleaseFaultTest {
    @TempDir
    Path tmp;

    private HostileFixture f;

    @BeforeEach
    void open() throws Exception {
        f = HostileFixture.open(tmp);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private MailRelease release(AnalystSeal seal) {
        return release(seal, f.store);
    }

    private MailRelease release(AnalystSeal seal, RecordStore store) {
        return new MailPipeline(
                        new MailParser(HostileFixture.PGP, f.bridgeKey, f.config.limits(), false, f.attachments),
                        new StripMail(f.handles, f.secrets),
                        seal,
                        store,
                        new CoarseClock(Clock.systemUTC(), f.config.intake().timeGranularity()),
                        f.secrets,
                        SignerDirectory.none(),
                        AckPolicy.forEmail(f.config.acknowledgement()))
                .release();
    }

    private static byte[] plaintextTip() {
        return MailBuilder.plain(
                MailBuilder.identifyingHeaders("jane.source@example.net", "r1"), "a tip", "Trucks leave at dawn.");
    }

    @Test
    void aRuntimeFaultWhileCommittingAReleaseIsRefusedAsProcessingFailedAndCommitsNothing() throws Exception {
        RecordStore broken = (RecordStore) Proxy.newProxyInstance(
                RecordStore.class.getClassLoader(), new Class<?>[] {RecordStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        throw new IllegalStateException("a fault in the commit");
                    }
                    try {
                        return method.invoke(f.store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        MailRelease.Result result = release(f.seal, broken)
                .release(
                        new ByteArrayInputStream(plaintextTip()),
                        new ReleaseOverride(QuarantineReason.PLAINTEXT_REFUSED));

        assertThat(result).isEqualTo(new MailRelease.Result.Refused(QuarantineReason.PROCESSING_FAILED));
        assertThat(f.store.count()).isZero();
    }

    @Test
    void aReleaseThatWorksIsRecordedAndSaysWhetherItQueuedAnAcknowledgement() throws Exception {
        MailRelease.Result result = release(f.seal)
                .release(
                        new ByteArrayInputStream(plaintextTip()),
                        new ReleaseOverride(QuarantineReason.PLAINTEXT_REFUSED));
        MailRelease.Result again = release(f.seal)
                .release(
                        new ByteArrayInputStream(plaintextTip()),
                        new ReleaseOverride(QuarantineReason.PLAINTEXT_REFUSED));

        assertThat(result).isInstanceOf(MailRelease.Result.Recorded.class);
        boolean acknowledges = f.config.acknowledgement().email();
        assertThat(((MailRelease.Result.Recorded) result).queuedAck()).isEqualTo(acknowledges);
        assertThat(again)
                .isEqualTo(new MailRelease.Result.Recorded(((MailRelease.Result.Recorded) result).recordId(), false));
        assertThat(f.store.count()).isEqualTo(1);
    }
}
