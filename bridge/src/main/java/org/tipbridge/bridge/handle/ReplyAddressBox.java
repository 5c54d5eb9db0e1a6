// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals reply addresses with AES-256-GCM under {@code k_map}. Layout: version byte (1), 12-byte
 * random nonce, ciphertext with 16-byte tag. The associated data binds the version and the handle,
 * so a sealed address opens only under the handle it was sealed for.
 */
public final class ReplyAddressBox {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "tipbridge reply-address\0".getBytes(StandardCharsets.US_ASCII);

    private final MappingSecrets secrets;
    private final SecureRandom rng;

    public ReplyAddressBox(MappingSecrets secrets) {
        this(secrets, new SecureRandom());
    }

    public ReplyAddressBox(MappingSecrets secrets, SecureRandom rng) {
        this.secrets = secrets;
        this.rng = rng;
    }

    public byte[] seal(String handle, ReplyAddress address) {
        byte[] nonce = new byte[NONCE_BYTES];
        rng.nextBytes(nonce);
        byte[] plain = ReplyAddressCodec.encode(address);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, handle, nonce).doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Opens a sealed address; throws {@link HandleException.SealedAddressRejected} if it does not authenticate. */
    public ReplyAddress open(String handle, byte[] sealed) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new HandleException.SealedAddressRejected();
        }
        byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES);
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE, handle, nonce)
                    .doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new HandleException.SealedAddressRejected();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
        try {
            return ReplyAddressCodec.decode(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private Cipher cipher(int mode, String handle, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, secrets.mapKey(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(CONTEXT);
        cipher.updateAAD(new byte[] {VERSION});
        cipher.updateAAD(handle.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "ReplyAddressBox[redacted]";
    }
}
