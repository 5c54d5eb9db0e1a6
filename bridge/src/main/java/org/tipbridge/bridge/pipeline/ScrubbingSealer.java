// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.scrub.Finding;
import org.tipbridge.scrub.ScrubLimits;
import org.tipbridge.scrub.ScrubReport;
import org.tipbridge.scrub.Scrubber;

/**
 * The scrub stage, as an {@link AttachmentSealer}: every plaintext byte of an attachment goes both
 * into the sealed original and, through a bounded in-memory pipe, to a cleaning thread that writes
 * the cleaned copy into a second sealed blob. At {@link Sealing#finish()} the findings with their
 * values are sealed into a third, small blob; the cleaned copy is kept only when the scrubber says
 * it is clean (or that the format is not checked). Memory: the pipe plus what the cleaner is
 * allowed to hold ({@link ScrubLimits}); nothing in clear on disk.
 */
public final class ScrubbingSealer implements AttachmentSealer {
    private static final int PIPE = 64 * 1024;
    /** Cleanings that may run at once: each may hold a file of up to {@code maxInMemoryBytes} (twice, briefly). */
    static final int CONCURRENT = 2;
    /** How long a cleaning may take, waiting for its turn included, before the original is kept alone. */
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private static final Duration ABANDON_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ScrubbingSealer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AttachmentSealer inner;
    private final Scrubber scrubber;
    private final ScrubLimits limits;
    private final ExecutorService cleaners;
    private final Semaphore turns = new Semaphore(CONCURRENT);
    private final Duration timeout;

    public ScrubbingSealer(AttachmentSealer inner, Scrubber scrubber, ScrubLimits limits) {
        this(inner, scrubber, limits, TIMEOUT);
    }

    ScrubbingSealer(AttachmentSealer inner, Scrubber scrubber, ScrubLimits limits, Duration timeout) {
        this.timeout = timeout;
        this.inner = inner;
        this.scrubber = scrubber;
        this.limits = limits;
        this.cleaners = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "attachment-scrub");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Sealing begin() throws IOException {
        Sealing original = inner.begin();
        Sealing cleaned;
        try {
            cleaned = inner.begin();
        } catch (IOException | RuntimeException e) {
            original.abandon();
            throw e;
        }
        BytePipe pipe = new BytePipe(PIPE);
        Future<ScrubReport> report = cleaners.submit(() -> clean(pipe, cleaned));
        return new Tee(original, cleaned, pipe, report);
    }

    /** One cleaning, in its turn; whatever happens, the writer is released from the pipe at the end. */
    private ScrubReport clean(BytePipe pipe, Sealing cleaned) throws Exception {
        boolean turn = false;
        try {
            turns.acquire();
            turn = true;
            return scrubber.scrub(pipe.out, cleaned.plaintext(), limits);
        } finally {
            if (turn) {
                turns.release();
            }
            pipe.readerGone();
        }
    }

    /** One attachment on its way into the original and the cleaned copy. */
    private final class Tee implements Sealing {
        private final Sealing original;
        private final Sealing cleaned;
        private final BytePipe pipe;
        private final Future<ScrubReport> report;
        private final OutputStream both;
        private Sealing findings;

        Tee(Sealing original, Sealing cleaned, BytePipe pipe, Future<ScrubReport> report) {
            this.original = original;
            this.cleaned = cleaned;
            this.pipe = pipe;
            this.report = report;
            OutputStream first = original.plaintext();
            this.both = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    first.write(b, off, len);
                    pipe.in.write(b, off, len);
                }
            };
        }

        @Override
        public OutputStream plaintext() {
            return both;
        }

        @Override
        public SealedBlob finish() throws IOException {
            pipe.close();
            Optional<ScrubReport> cleanedIn = await();
            ScrubReport result = cleanedIn.orElseGet(
                    () -> ScrubReport.failed(org.tipbridge.scrub.Format.UNKNOWN, "cleaning took too long"));
            SealedBlob kept = original.finish();
            Optional<SealedBlob> clean = Optional.empty();
            if (result.outcome() == ScrubReport.Outcome.FAILED) {
                stopCleaning();
                cleaned.abandon();
            } else {
                clean = Optional.of(cleaned.finish());
            }
            SealedBlob values = sealFindings(result);
            return new SealedBlob(kept.blob(), kept.plaintextSize(), Optional.of(scrubbed(result, clean, values)));
        }

        /** The report, or empty when the cleaning did not end in time (it is then stopped). */
        private Optional<ScrubReport> await() throws IOException {
            try {
                return Optional.of(report.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                LOG.warn("cleaning an attachment took longer than {}; only the original is kept", timeout);
                return Optional.empty();
            } catch (ExecutionException e) {
                throw new IOException("cleaning the attachment failed", e.getCause());
            } catch (CancellationException e) {
                throw new IOException("the attachment was abandoned");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while cleaning an attachment", e);
            }
        }

        /** Stops a cleaning that is still running and waits a little for it, so it no longer writes. */
        private void stopCleaning() {
            pipe.abort();
            report.cancel(true);
            try {
                report.get(ABANDON_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | CancellationException | TimeoutException e) {
                // stopped, failed, or still running: nothing more to wait for
            }
        }

        private SealedBlob sealFindings(ScrubReport result) throws IOException {
            findings = inner.begin();
            List<Map<String, String>> list = result.findings().stream()
                    .map(f -> Map.of(
                            "what",
                            f.what(),
                            "action",
                            f.action().word(),
                            "value",
                            f.value().orElse("")))
                    .toList();
            findings.plaintext().write(JSON.writeValueAsBytes(Map.of("findings", list)));
            return findings.finish();
        }

        @Override
        public void abandon() {
            stopCleaning();
            original.abandon();
            cleaned.abandon();
            if (findings != null) {
                findings.abandon();
            }
        }
    }

    private static Scrubbed scrubbed(ScrubReport result, Optional<SealedBlob> clean, SealedBlob values) {
        return new Scrubbed(
                clean.map(SealedBlob::blob),
                clean.map(SealedBlob::plaintextSize).orElse(0L),
                values.blob(),
                result.format().name().toLowerCase(Locale.ROOT),
                result.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                result.findings().stream().map(Finding::withoutValue).toList());
    }
}
