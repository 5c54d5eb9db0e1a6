// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

/** A sealed blob that has been written and fsynced: its opaque id and its size in bytes. */
public record BlobRef(String id, long size) {}
