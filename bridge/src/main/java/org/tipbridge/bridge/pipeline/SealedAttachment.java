// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import org.tipbridge.bridge.store.BlobRef;

/** An attachment already sealed to the analysts: sanitised name, declared content type, plaintext size, blob. */
public record SealedAttachment(String name, String contentType, long size, BlobRef blob) {}
