// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link RetentionFixture} per test. */
abstract class FixtureTest {
    static final String HANDLE = "amber-otter-7K4QX";

    @TempDir
    Path tmp;

    RetentionFixture f;

    @BeforeEach
    void openFixture() {
        f = new RetentionFixture(tmp);
    }

    @AfterEach
    void closeFixture() {
        f.close();
    }
}
