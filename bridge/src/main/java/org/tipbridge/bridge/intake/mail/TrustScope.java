// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

/**
 * Where a piece of content came from: the clear message, or one encrypted entity. An encrypted
 * scope's content is trusted only once its decryption finished with the integrity check passed.
 */
final class TrustScope {
    private static final TrustScope CLEAR = new TrustScope(false);
    private final boolean encryptedContainer;
    private boolean confirmed;

    private TrustScope(boolean encryptedContainer) {
        this.encryptedContainer = encryptedContainer;
    }

    static TrustScope clear() {
        return CLEAR;
    }

    static TrustScope encrypted() {
        return new TrustScope(true);
    }

    /** Called after the decrypting stream closed cleanly and reported real encryption. */
    void confirm() {
        confirmed = true;
    }

    /** True inside an encrypted entity, whether or not its decryption has finished yet. */
    boolean insideEncryption() {
        return encryptedContainer;
    }

    boolean isEncrypted() {
        return encryptedContainer && confirmed;
    }
}
