// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.io.InputStream;
import java.util.List;
import org.tipbridge.bridge.intake.imap.MessageHandler;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.MailPipeline;
import org.tipbridge.bridge.pipeline.Outcome;
import org.tipbridge.bridge.pipeline.QuarantineCopies;

/**
 * What the mailbox thread hands its messages to: one term's e-mail pipeline, the keeper of
 * quarantine copies, and a nudge for the outbox after a commit that queued an acknowledgement.
 */
final class PipelineHandler implements MessageHandler {
    private final MailPipeline pipeline;
    private final QuarantineCopies copies;
    private final Runnable wakeOutbox;

    PipelineHandler(MailPipeline pipeline, QuarantineCopies copies, Runnable wakeOutbox) {
        this.pipeline = pipeline;
        this.copies = copies;
        this.wakeOutbox = wakeOutbox;
    }

    @Override
    public void keepCopy(Outcome.Quarantined outcome, QuarantineCopies.Source source)
            throws IntakeException.TransientIo {
        copies.keep(outcome, source);
    }

    @Override
    public Outcome handle(InputStream raw, String upstreamId) throws IntakeException.TransientIo {
        return pipeline.ingest(raw, upstreamId);
    }

    @Override
    public Outcome oversize(String upstreamId) throws IntakeException.TransientIo {
        return pipeline.rejectOversize(upstreamId);
    }

    @Override
    public List<Long> rateLimited(List<String> upstreamIds) throws IntakeException.TransientIo {
        return pipeline.rateLimited(upstreamIds);
    }

    @Override
    public boolean quarantinedBefore(String upstreamId) throws IntakeException.TransientIo {
        return pipeline.quarantinedBefore(upstreamId);
    }

    @Override
    public void flush() throws IntakeException.TransientIo {
        if (pipeline.flush()) {
            wakeOutbox.run();
        }
    }
}
