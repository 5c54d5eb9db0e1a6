// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.Channel;

class ReplyAddressBoxTest {

    private static final String HANDLE = "amber-otter-7K4QX";
    private static final ReplyAddress ADDRESS = new ReplyAddress(
            Channel.EMAIL, "someone@example.org", Optional.of(new byte[] {9, 8, 7}), Optional.of(3600));

    @TempDir
    Path tmp;

    private ReplyAddressBox box;

    @BeforeEach
    void setUp() {
        box = new ReplyAddressBox(MappingSecrets.generate(tmp.resolve("secrets")), new SecureRandom());
    }

    @Test
    void sealedAddressOpensUnderItsHandle() {
        assertThat(box.open(HANDLE, box.seal(HANDLE, ADDRESS))).isEqualTo(ADDRESS);
        ReplyAddress bare = ReplyAddress.of(Channel.SIGNAL, "5f1a0c2e-0000-4000-8000-000000000000");
        assertThat(box.open(HANDLE, box.seal(HANDLE, bare))).isEqualTo(bare);
    }

    @Test
    void sealingTwiceGivesDifferentBytes() {
        assertThat(box.seal(HANDLE, ADDRESS)).isNotEqualTo(box.seal(HANDLE, ADDRESS));
    }

    @Test
    void replyAddressTamperingIsDetected() {
        byte[] sealed = box.seal(HANDLE, ADDRESS);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> box.open(HANDLE, tampered))
                    .isInstanceOf(HandleException.SealedAddressRejected.class)
                    .hasMessage("sealed reply address rejected");
        }
        assertThatThrownBy(() -> box.open(HANDLE, Arrays.copyOf(sealed, sealed.length - 1)))
                .isInstanceOf(HandleException.SealedAddressRejected.class);
        assertThatThrownBy(() -> box.open(HANDLE, new byte[0]))
                .isInstanceOf(HandleException.SealedAddressRejected.class);
    }

    @Test
    void replyAddressCannotMoveToAnotherHandle() {
        byte[] sealed = box.seal(HANDLE, ADDRESS);
        assertThatThrownBy(() -> box.open("brave-panda-22222", sealed))
                .isInstanceOf(HandleException.SealedAddressRejected.class);
    }

    @Test
    void otherSecretsCannotOpen() {
        ReplyAddressBox other = new ReplyAddressBox(MappingSecrets.generate(tmp.resolve("other")));
        byte[] sealed = box.seal(HANDLE, ADDRESS);
        assertThatThrownBy(() -> other.open(HANDLE, sealed)).isInstanceOf(HandleException.SealedAddressRejected.class);
    }

    @Test
    void toStringRedactsTheAddress() {
        assertThat(ADDRESS.toString()).isEqualTo("ReplyAddress[channel=email, redacted]");
    }

    @Test
    void sourceKeyIsCopiedNotShared() {
        byte[] key = {1, 2, 3};
        ReplyAddress address = new ReplyAddress(Channel.EMAIL, "a@b.org", Optional.of(key), Optional.empty());
        key[0] = 42;
        address.sourceKey().orElseThrow()[1] = 42;
        assertThat(address.sourceKey().orElseThrow()).containsExactly(1, 2, 3);
    }
}
