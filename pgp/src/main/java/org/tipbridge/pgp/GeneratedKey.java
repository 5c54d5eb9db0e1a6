// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

/**
 * A freshly generated key: the unlocked key for immediate use, the armored secret key protected
 * by the passphrase given at generation (what goes to disk), and the public certificate.
 */
public record GeneratedKey(SecretKey key, String armoredProtectedSecret, Certificate certificate) {}
