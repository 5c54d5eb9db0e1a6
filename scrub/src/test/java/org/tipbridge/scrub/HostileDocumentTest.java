// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HostileDocumentTest {
    private static final ScrubLimits SMALL = new ScrubLimits(4096, 16, 3, 1 << 20, 100, 1000);

    private static String reason(TestFiles.Cleaned cleaned) {
        assertThat(cleaned.report().outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
        return cleaned.findings().get(0);
    }

    @Test
    void truncatedZipsFailAtEveryCutPoint() throws Exception {
        for (byte[] zip : new byte[][] {OfficeFixtures.docx(), OfficeFixtures.odt(), DocumentFixtures.zipWithPhoto()}) {
            for (int cut = 4; cut < zip.length; cut += Math.max(1, zip.length / 60)) {
                TestFiles.Cleaned cleaned = TestFiles.scrub(Arrays.copyOf(zip, cut));
                assertThat(cleaned.report().outcome()).as("cut at %d", cut).isEqualTo(ScrubReport.Outcome.FAILED);
            }
        }
    }

    @Test
    void truncatedPdfsNeverCrashAndNeverLeakWhenTheyCanBeCleaned() throws Exception {
        byte[] pdf = DocumentFixtures.pdf();
        for (int cut = 8; cut < pdf.length; cut += Math.max(1, pdf.length / 60)) {
            TestFiles.Cleaned cleaned = TestFiles.scrub(Arrays.copyOf(pdf, cut));
            if (cleaned.report().outcome() == ScrubReport.Outcome.CLEANED) {
                TestFiles.assertNoIdentifiers(TestFiles.pdfObjects(cleaned.bytes()));
            } else {
                assertThat(cleaned.report().outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
            }
        }
    }

    @Test
    @Timeout(20)
    void rejectsCompressionBomb() throws Exception {
        assertThat(reason(TestFiles.scrub(DocumentFixtures.zipBomb(20 << 20)))).contains("compression bomb");
    }

    @Test
    void rejectsTooManyEntries() throws Exception {
        ScrubLimits sixteenEntries = new ScrubLimits(64 << 20, 16, 3, 1 << 20, 100, 1000);
        assertThat(reason(TestFiles.scrub(DocumentFixtures.zipWithEntries(40), sixteenEntries)))
                .contains("too many files");
    }

    @Test
    void rejectsZipsNestedDeeperThanTheLimit() throws Exception {
        assertThat(reason(TestFiles.scrub(DocumentFixtures.nestedZip(6), SMALL)))
                .contains("nested too deep");
    }

    @Test
    void nestedZipsShareOneExpansionBudget() throws Exception {
        ScrubLimits limits = new ScrubLimits(64 << 20, 1000, 16, 300_000, 100, 1000);
        byte[] incompressible = new byte[120_000];
        new java.util.Random(7).nextBytes(incompressible);
        byte[] nested = DocumentFixtures.zip("b.zip", DocumentFixtures.zip("c.bin", incompressible));
        assertThat(TestFiles.scrub(nested, limits).report().outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        assertThat(reason(TestFiles.scrub(DocumentFixtures.zip("a.zip", nested), limits)))
                .contains("size limit");
    }

    @Test
    void externalEntityIsNeverResolved(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "SECRET-FILE-MARKER");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = countConnections(server);
            String core = OfficeFixtures.XML.replace(" standalone=\"yes\"", "")
                    + "<!DOCTYPE cp:coreProperties [<!ENTITY file SYSTEM \"" + secret.toUri() + "\">"
                    + "<!ENTITY net SYSTEM \"http://127.0.0.1:" + server.getLocalPort() + "/x\">]>"
                    + OfficeFixtures.core()
                            .substring(OfficeFixtures.XML.length())
                            .replace("Amina O.", "&file;&net;");

            TestFiles.Cleaned cleaned = TestFiles.scrub(OfficeFixtures.docx(core));

            assertThat(reason(cleaned)).contains("document type declaration");
            assertThat(new String(cleaned.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("SECRET-FILE-MARKER");
            Thread.sleep(200);
            assertThat(connections.get()).as("network fetches").isZero();
        }
    }

    @Test
    @Timeout(10)
    void rejectsEntityExpansionBomb() throws Exception {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE r [<!ENTITY a0 \"lol\">");
        for (int i = 1; i < 12; i++) {
            dtd.append("<!ENTITY a")
                    .append(i)
                    .append(" \"")
                    .append(("&a" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        String core = OfficeFixtures.XML + dtd + "]><r>&a11;</r>";

        assertThat(reason(TestFiles.scrub(OfficeFixtures.docx(core)))).contains("document type declaration");
    }

    @Test
    void pdfWithReferenceLoopsEndsAndLeaksNothing() throws Exception {
        TestFiles.Cleaned cleaned = TestFiles.scrub(DocumentFixtures.loopingPdf());

        if (cleaned.report().outcome() == ScrubReport.Outcome.CLEANED) {
            assertThat(new String(cleaned.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("Amina", "app.alert");
        }
    }

    @Test
    void encryptedPdfFailsWhetherOrNotItAsksForAPassword() throws Exception {
        assertThat(reason(TestFiles.scrub(DocumentFixtures.encryptedPdf("")))).contains("encrypted PDF");
        assertThat(reason(TestFiles.scrub(DocumentFixtures.encryptedPdf("user-secret"))))
                .contains("encrypted PDF");
    }

    @Test
    void filesOverTheMemoryLimitFailAndAreStillReadToTheEnd() throws Exception {
        for (String start : new String[] {"%PDF-1.7\n", "PK\3\4"}) {
            CountingInput in = new CountingInput(start, 5 << 20);
            ScrubReport report = Scrubber.standard().scrub(in, java.io.OutputStream.nullOutputStream(), SMALL);

            assertThat(report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
            assertThat(report.findings().get(0).what()).contains("over the size limit");
            assertThat(in.read()).as("drained").isEqualTo(-1);
        }
    }

    private static AtomicInteger countConnections(ServerSocket server) throws IOException {
        AtomicInteger connections = new AtomicInteger();
        server.setSoTimeout(100);
        Thread accepting = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    server.accept().close();
                    connections.incrementAndGet();
                } catch (SocketTimeoutException e) {
                    // keep listening
                } catch (IOException e) {
                    return;
                }
            }
        });
        accepting.setDaemon(true);
        accepting.start();
        return connections;
    }

    /** A stream of {@code size} bytes that starts with {@code start}, generated as it is read (never held). */
    private static final class CountingInput extends InputStream {
        private final byte[] start;
        private final long size;
        private long position;

        CountingInput(String start, long size) {
            this.start = start.getBytes(StandardCharsets.ISO_8859_1);
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            long at = position++;
            return at < start.length ? start[(int) at] & 0xFF : 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            for (int c; n < len && (c = read()) != -1; n++) {
                b[off + n] = (byte) c;
            }
            return n == 0 && len > 0 ? -1 : n;
        }
    }
}
