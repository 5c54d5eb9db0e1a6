// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

/**
 * The outcome of committing a record: its id, and whether a record with the same dedupe key was
 * already there (then nothing was inserted and {@code id} is the existing record's).
 */
public record CommitResult(long id, boolean duplicate) {}
