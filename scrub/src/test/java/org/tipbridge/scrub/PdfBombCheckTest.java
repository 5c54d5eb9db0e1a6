// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** PDFs whose compressed streams would expand in PDFBox's memory are refused before PDFBox reads them. */
class PdfBombCheckTest {
    private static final long GIB = 1L << 30;
    private static final byte[] NOTE = "% a note".getBytes(StandardCharsets.US_ASCII);
    private static byte[] gigabyteOfZeros;

    @BeforeAll
    static void deflateOnce() {
        gigabyteOfZeros = PdfFixtures.deflatedZeros(GIB, "");
    }

    private static String reason(TestFiles.Cleaned cleaned) {
        assertThat(cleaned.report().outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
        return cleaned.findings().get(0);
    }

    @Test
    @Timeout(10)
    void rejectsAFlateStreamInflatingToAGigabyteQuicklyWithASmallHeap() throws Exception {
        byte[] pdf = PdfFixtures.withContent("/Filter /FlateDecode", gigabyteOfZeros);

        TestFiles.Cleaned cleaned = withPeakHeapBelow(64L << 20, () -> TestFiles.scrub(pdf));

        assertThat(pdf.length).isLessThan(2 << 20);
        assertThat(reason(cleaned)).contains(PdfBombCheck.EXPANDS_TOO_MUCH);
    }

    @Test
    @Timeout(10)
    void rejectsAnObjectStreamInflatingToAGigabyte() throws Exception {
        byte[] pdf = PdfFixtures.withObjectStream(gigabyteOfZeros);

        TestFiles.Cleaned cleaned = withPeakHeapBelow(64L << 20, () -> TestFiles.scrub(pdf));

        assertThat(reason(cleaned)).contains(PdfBombCheck.EXPANDS_TOO_MUCH);
    }

    @Test
    @Timeout(20)
    void measuresABombPastAnEndstreamHiddenInItsData() throws Exception {
        byte[] bomb = PdfFixtures.deflatedZeros(256L << 20, "endstream\nendobj\n");
        byte[] pdf = PdfFixtures.withContent("/Filter /FlateDecode", bomb);

        assertThat(reason(TestFiles.scrub(pdf))).contains(PdfBombCheck.EXPANDS_TOO_MUCH);
    }

    @Test
    @Timeout(10)
    void rejectsManySmallStreamsThatTogetherExpandPastTheTotal() throws Exception {
        ScrubLimits limits = new ScrubLimits(64 << 20, 1000, 16, 1 << 20, 100, 1000);
        byte[] pdf = PdfFixtures.withStreams(20, "/Filter /FlateDecode", PdfFixtures.deflatedZeros(60_000, ""));

        assertThat(PdfBombCheck.refusal(pdf, ScrubLimits.DEFAULT)).isEmpty();
        assertThat(PdfBombCheck.refusal(pdf, limits)).contains(PdfBombCheck.EXPANDS_TOO_MUCH);
    }

    @Test
    @Timeout(10)
    void ordinaryCompressedPdfIsStillCleanedWithItsTextUnchanged() throws Exception {
        byte[] original = PdfFixtures.compressedWithText(DocumentFixtures.PDF_TEXT);
        assertThat(new String(original, StandardCharsets.ISO_8859_1)).contains("/FlateDecode", "/ObjStm");

        TestFiles.Cleaned cleaned = TestFiles.scrub(original);

        assertThat(cleaned.report().outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        assertThat(TestFiles.pdfText(cleaned.bytes()))
                .isEqualTo(TestFiles.pdfText(original))
                .contains(DocumentFixtures.PDF_TEXT);
    }

    @Test
    @Timeout(10)
    void theIdentifyingFixtureWithItsCompressedContentIsNotRefused() throws Exception {
        assertThat(PdfBombCheck.refusal(DocumentFixtures.pdf(), ScrubLimits.DEFAULT))
                .isEmpty();
    }

    @Test
    @Timeout(10)
    void streamsThatAreNotZlibAreNotRefused() throws Exception {
        byte[] noise = new byte[300_000];
        new Random(3).nextBytes(noise);
        byte[] text = "BT /F1 12 Tf 20 100 Td (stream of plain text) Tj ET".getBytes(StandardCharsets.US_ASCII);

        for (byte[] pdf :
                List.of(PdfFixtures.withContent("/Filter /DCTDecode", noise), PdfFixtures.withContent("", text))) {
            assertThat(PdfBombCheck.refusal(pdf, ScrubLimits.DEFAULT)).isEmpty();
            assertThat(TestFiles.scrub(pdf).report().outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        }
        byte[] hex = PdfFixtures.withContent(
                "/Filter /ASCIIHexDecode", "78DA".repeat(50_000).getBytes(StandardCharsets.US_ASCII));
        assertThat(PdfBombCheck.refusal(hex, ScrubLimits.DEFAULT))
                .as("not zlib for the bomb check")
                .isEmpty();
        assertThat(TestFiles.scrub(hex).report().outcome())
                .as("but hex can wrap a bomb the check cannot measure: refused by the filter check")
                .isEqualTo(ScrubReport.Outcome.FAILED);
    }

    @Test
    @Timeout(10)
    void rejectsMoreStreamsThanTheSegmentLimit() throws Exception {
        ScrubLimits limits = new ScrubLimits(64 << 20, 16, 16, 256 << 20, 100, 1000);

        assertThat(PdfBombCheck.refusal(PdfFixtures.withStreams(10, "", NOTE), limits))
                .isEmpty();
        assertThat(reason(TestFiles.scrub(PdfFixtures.withStreams(17, "", NOTE), limits)))
                .contains(PdfBombCheck.TOO_MANY_STREAMS);
    }

    @Test
    @Timeout(10)
    void anOutOfMemoryErrorFromACleanerIsAFailureNotACrash() throws Exception {
        Cleaner exhausting = (head, in, out, limits) -> {
            throw new OutOfMemoryError("Java heap space");
        };
        byte[] pdf = PdfFixtures.withContent("", new byte[10]);

        ScrubReport report = new Scrubber(Map.of(Format.PDF, exhausting))
                .scrub(
                        new java.io.ByteArrayInputStream(pdf),
                        java.io.OutputStream.nullOutputStream(),
                        ScrubLimits.DEFAULT);

        assertThat(report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
        assertThat(report.findings().get(0).what()).contains(Scrubber.TOO_LARGE_IN_MEMORY);
    }

    /** Runs {@code work} and checks that the heap's peak during it stayed within {@code limit} of where it began. */
    private static <T> T withPeakHeapBelow(long limit, Callable<T> work) throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        System.gc();
        long before = heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        T result = work.call();
        long peak =
                heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        assertThat(peak - before).as("heap growth at its peak").isLessThan(limit);
        return result;
    }
}
