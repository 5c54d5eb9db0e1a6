// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Attachment names reach the analyst: they must not carry identifiers of the source. */
class AttachmentNameTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Signal +49 151 2345678 jane.doe@ministry.example.jpg|Signal.jpg",
                "scan from jane.doe@ministry.example.pdf|scan from.pdf",
                "call 0151 2345 6789 notes.txt|call notes.txt",
                "contract (555) 123-4567.docx|contract.docx",
                "upload 123e4567-e89b-12d3-a456-426614174000.png|attachment-7.png",
                "log 203.0.113.9 router.txt|log router.txt",
                "trace 2001:db8::8a2e:370:7334 dump.pcap|trace dump.pcap",
                "jane.doe@ministry.example.pdf|attachment-7.pdf",
                "ledger 2023.pdf|ledger 2023.pdf",
                "Q3 report v2.xlsx|Q3 report v2.xlsx",
            })
    void removesIdentifiersAndKeepsTheExtension(String declared, String expected) {
        assertThat(AttachmentName.of(Optional.of(declared), "application/octet-stream", 7))
                .isEqualTo(expected);
    }

    @Test
    void truncatesLongNamesButKeepsTheExtension() {
        String name = AttachmentName.of(Optional.of("y".repeat(500) + ".pdf"), "application/pdf", 1);
        assertThat(name).hasSize(AttachmentName.MAX_LENGTH).endsWith("y.pdf");
    }

    @org.junit.jupiter.api.Test
    void cameraPhoneAndPersonNamesAreReducedToTypeAndIndex() {
        java.util.List<String> revealing = java.util.List.of(
                "IMG_20240101_123456.jpg",
                "DSC01234.JPG",
                "PXL_20231105_091212345.mp4",
                "VID-20240101-WA0003.mp4",
                "WhatsApp Image 2024-01-01 at 10.11.12.jpeg",
                "signal-2024-01-01-101112.jpg",
                "Screenshot_20240101-101112.png",
                "Amina Otieno.docx",
                "amina_2024-03-07.pdf");
        for (String name : revealing) {
            String safe = AttachmentName.of(java.util.Optional.of(name), "image/jpeg", 2);
            org.assertj.core.api.Assertions.assertThat(safe)
                    .as(name)
                    .startsWith("attachment-2.")
                    .doesNotContainPattern("\\d{4}");
        }
        org.assertj.core.api.Assertions.assertThat(
                        AttachmentName.of(java.util.Optional.of("poaching route map.pdf"), "application/pdf", 1))
                .isEqualTo("poaching route map.pdf");
    }
}
