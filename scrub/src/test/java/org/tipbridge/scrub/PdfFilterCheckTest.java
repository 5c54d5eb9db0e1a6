// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PdfFilterCheckTest {

    private static boolean refused(String dictionary) {
        String pdf = "%PDF-1.7\n1 0 obj\n<< " + dictionary + " /Length 3 >>\nstream\nabc\nendstream\nendobj\n";
        return PdfFilterCheck.refusal(pdf.getBytes(StandardCharsets.ISO_8859_1)).isPresent();
    }

    @Test
    void singleStageFiltersPass() {
        assertThat(refused("/Filter /FlateDecode")).isFalse();
        assertThat(refused("/Filter[/DCTDecode]")).isFalse();
        assertThat(refused("/Type /XObject")).isFalse();
        assertThat(refused("/FilterType /Whatever")).isFalse();
    }

    @Test
    void chainsWrappersIndirectAndEscapedFiltersAreRefused() {
        assertThat(refused("/Filter [/FlateDecode /FlateDecode]")).isTrue();
        assertThat(refused("/Filter [/ASCIIHexDecode /FlateDecode]")).isTrue();
        assertThat(refused("/Filter /ASCII85Decode")).isTrue();
        assertThat(refused("/Filter /Fl#61teDecode")).isTrue();
        assertThat(refused("/Filter 7 0 R")).isTrue();
        assertThat(refused("/Filter /LZWDecode")).isTrue();
    }

    @Test
    void theIdentifyingFixtureIsNotRefused() throws Exception {
        assertThat(PdfFilterCheck.refusal(DocumentFixtures.pdf())).isEmpty();
    }
}
