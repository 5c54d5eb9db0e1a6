// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.tipbridge.bridge.store.Channel;

/**
 * The plaintext inside a sealed reply address: channel code (1 byte: 1 email, 2 signal), address
 * (2-byte length, UTF-8), source key (presence byte, 4-byte length, bytes), message timer
 * (presence byte, 4-byte signed int). Big-endian; nothing may follow.
 */
final class ReplyAddressCodec {

    static final int MAX_ADDRESS_BYTES = 1024;
    static final int MAX_KEY_BYTES = 1 << 20;

    private ReplyAddressCodec() {}

    static byte[] encode(ReplyAddress a) {
        byte[] address = a.address().getBytes(StandardCharsets.UTF_8);
        byte[] key = a.sourceKey().orElse(new byte[0]);
        if (address.length > MAX_ADDRESS_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("reply address or source key too long");
        }
        ByteBuffer out = ByteBuffer.allocate(1 + 2 + address.length + 1 + 4 + key.length + 1 + 4);
        out.put(channelCode(a.channel())).putShort((short) address.length).put(address);
        out.put((byte) (a.sourceKey().isPresent() ? 1 : 0)).putInt(key.length).put(key);
        out.put((byte) (a.expireSeconds().isPresent() ? 1 : 0))
                .putInt(a.expireSeconds().orElse(0));
        return out.array();
    }

    /** Decodes {@code plain}; throws {@link HandleException.SealedAddressRejected} if malformed. */
    static ReplyAddress decode(byte[] plain) {
        try {
            ByteBuffer in = ByteBuffer.wrap(plain);
            Channel channel = channel(in.get());
            String address = utf8(bytes(in, Short.toUnsignedInt(in.getShort()), MAX_ADDRESS_BYTES));
            boolean hasKey = flag(in.get());
            byte[] key = bytes(in, in.getInt(), MAX_KEY_BYTES);
            boolean hasTimer = flag(in.get());
            int timer = in.getInt();
            if (in.hasRemaining() || (!hasKey && key.length > 0)) {
                throw new HandleException.SealedAddressRejected();
            }
            return new ReplyAddress(
                    channel,
                    address,
                    hasKey ? Optional.of(key) : Optional.empty(),
                    hasTimer ? Optional.of(timer) : Optional.empty());
        } catch (BufferUnderflowException | CharacterCodingException e) {
            throw new HandleException.SealedAddressRejected();
        }
    }

    private static byte channelCode(Channel channel) {
        return (byte) (channel == Channel.EMAIL ? 1 : 2);
    }

    private static Channel channel(byte code) {
        if (code == 1) {
            return Channel.EMAIL;
        }
        if (code == 2) {
            return Channel.SIGNAL;
        }
        throw new HandleException.SealedAddressRejected();
    }

    private static boolean flag(byte b) {
        if (b != 0 && b != 1) {
            throw new HandleException.SealedAddressRejected();
        }
        return b == 1;
    }

    private static byte[] bytes(ByteBuffer in, int length, int max) {
        if (length < 0 || length > max || length > in.remaining()) {
            throw new HandleException.SealedAddressRejected();
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
