// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to decrypt: with this secret key, checking signatures against the given certificates plus
 * whatever {@code lateCertificates} returns for an unknown signer when verification happens (at
 * the end of the stream, so certificates found inside the message itself can still be used), and
 * refusing to inflate more than {@code maxDecompressedBytes}.
 */
public record DecryptOptions(
        SecretKey key,
        List<Certificate> verifiers,
        Function<Fingerprint, Optional<Certificate>> lateCertificates,
        long maxDecompressedBytes) {
    public DecryptOptions {
        verifiers = List.copyOf(verifiers);
        if (maxDecompressedBytes <= 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must be positive");
        }
    }

    public static DecryptOptions with(SecretKey key, long maxDecompressedBytes) {
        return new DecryptOptions(key, List.of(), fp -> Optional.empty(), maxDecompressedBytes);
    }
}
