// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.time.Clock;
import org.tipbridge.bridge.intake.imap.QuarantineRequests;
import org.tipbridge.bridge.intake.mail.MailParser;
import org.tipbridge.bridge.pipeline.AckPolicy;
import org.tipbridge.bridge.pipeline.CoarseClock;
import org.tipbridge.bridge.pipeline.MailRelease;
import org.tipbridge.bridge.pipeline.QuarantineCopies;
import org.tipbridge.bridge.pipeline.StripMail;
import org.tipbridge.bridge.store.BlobStore;
import org.tipbridge.conf.TipbridgeConfig;

/**
 * What the mailbox holder does for quarantined e-mail besides quarantining it: keep its redacted
 * sealed copy (decision 27) and act on the analysts' release and delete requests (decision 28).
 */
record QuarantineSide(QuarantineCopies copies, QuarantineRequests requests) {

    static QuarantineSide create(TipbridgeConfig config, Daemon.MailParts p, BlobStore blobs) {
        MailRelease release = new MailRelease(
                new MailParser(
                        p.pgp(), p.bridgeKey(), config.limits(), config.intake().acceptPlaintext(), p.attachments()),
                new StripMail(p.handles(), p.secrets()),
                p.seal(),
                p.store(),
                new CoarseClock(Clock.systemUTC(), config.intake().timeGranularity()),
                new StoredSourceKeys(p.handles(), p.pgp()),
                AckPolicy.forEmail(config.acknowledgement()));
        QuarantineRequests requests = new QuarantineRequests(
                p.store().quarantines(),
                release::release,
                blobs::delete,
                config.limits().maxMessageBytes(),
                Clock.systemUTC());
        return new QuarantineSide(new QuarantineCopies(p.seal(), p.store().quarantines()), requests);
    }
}
