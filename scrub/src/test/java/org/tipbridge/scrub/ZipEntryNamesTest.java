// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Zip slip: names that would leave the folder or disguise themselves are refused; ordinary ones pass. */
class ZipEntryNamesTest {
    @Test
    void refusesNamesThatLeaveTheFolderOrHideControlCharacters() {
        for (String name : new String[] {
            "../evil.sh", "a/../../evil.sh", "..\\evil.bat", "a\\..\\..\\evil.bat", "/etc/cron.d/x", "\\\\server\\x",
            "C:/Windows/x.dll", "c:evil", "a\u0000b", "\u001b[2Jx.txt", "invoice\u202egpj.exe", "\ufeffx"
        }) {
            assertThat(ZipEntryNames.unsafe(name)).as(name).isTrue();
        }
    }

    @Test
    void acceptsOrdinaryNamesAndFolders() {
        for (String name : new String[] {
            "word/document.xml", "[Content_Types].xml", "mimetype", "folder/", "a..b.txt", "..hidden", "Grüße.txt"
        }) {
            assertThat(ZipEntryNames.unsafe(name)).as(name).isFalse();
        }
    }
}
