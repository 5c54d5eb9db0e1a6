// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * Forges OpenPGP messages packet layer by packet layer with Bouncy Castle, from a fixed seed (the
 * same bytes on every run): encryption to chosen keys (with or without the integrity packet),
 * any stack of compression layers, a one-pass signature, and literal data written by a
 * {@link Content} that may stream gigabytes through the compressors without holding them. The keys
 * are the gpg interop fixtures the parser tests use (resources/interop).
 */
final class PgpForge {
    /** The bridge's encryption subkey (interop/bridge.pub.asc). */
    static final PGPPublicKey BRIDGE = encryptionKey("interop/bridge.pub.asc");
    /** A key that is not the bridge's (interop/sender-25519.pub.asc): a message to it is not for us. */
    static final PGPPublicKey OTHER = encryptionKey("interop/sender-25519.pub.asc");

    private static final Date FIXED_TIME = new Date(1_764_000_000_000L);
    private static final int BUFFER = 1 << 16;

    private PgpForge() {}

    /** Writes the plaintext of the literal data packet. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;

        static Content of(byte[] bytes) {
            return out -> out.write(bytes);
        }

        /** {@code line} repeated until {@code total} bytes were written, never held whole. */
        static Content repeated(byte[] line, long total) {
            return out -> {
                byte[] chunk = new byte[(BUFFER / line.length) * line.length];
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = line[i % line.length];
                }
                for (long left = total; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            };
        }

        default Content then(Content next) {
            return out -> {
                writeTo(out);
                next.writeTo(out);
            };
        }
    }

    /** What becomes of the one-pass signature's closing signature packet. */
    enum Signature {
        GOOD,
        NOT_MATCHING,
        MISSING
    }

    /**
     * How to wrap the content. {@code compression}: algorithm ids (1 ZIP, 2 ZLIB, 3 BZIP2, or any
     * other number, which is written as given), outermost first; the innermost at {@code level},
     * the outer ones at the best level.
     */
    record Plan(
            List<PGPPublicKey> recipients,
            boolean integrity,
            List<Integer> compression,
            int level,
            boolean signed,
            boolean armored,
            Signature signature) {

        static Plan toBridge() {
            return new Plan(List.of(BRIDGE), true, List.of(), 6, false, true, Signature.GOOD);
        }

        Plan to(PGPPublicKey... keys) {
            return new Plan(List.of(keys), integrity, compression, level, signed, armored, signature);
        }

        Plan withoutIntegrity() {
            return new Plan(recipients, false, compression, level, signed, armored, signature);
        }

        Plan compressed(int level, Integer... algorithms) {
            return new Plan(recipients, integrity, List.of(algorithms), level, signed, armored, signature);
        }

        Plan signedBySender() {
            return new Plan(recipients, integrity, compression, level, true, armored, signature);
        }

        Plan binary() {
            return new Plan(recipients, integrity, compression, level, signed, false, signature);
        }

        /** Signed, but the signature does not match the content, or its packet is left out. */
        Plan signedBySender(Signature kind) {
            return new Plan(recipients, integrity, compression, level, true, armored, kind);
        }
    }

    /** The whole message, armored unless the plan says binary. */
    static byte[] forge(long seed, Plan plan, Content content) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try {
            write(sink, seed, plan, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PGPException e) {
            throw new IllegalStateException("forging failed", e);
        }
        return sink.toByteArray();
    }

    /** Armors {@code binary} (e.g. a damaged packet stream) as a PGP MESSAGE block. */
    static byte[] armor(byte[] binary) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ArmoredOutputStream out =
                ArmoredOutputStream.builder().clearHeaders().build(sink)) {
            out.write(binary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    /** Raw {@code packets} (no literal data packet added) encrypted to the bridge, armored. */
    static byte[] encryptPackets(long seed, byte[] packets) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor =
                ArmoredOutputStream.builder().clearHeaders().build(sink)) {
            SeededRandom random = new SeededRandom(seed);
            PGPEncryptedDataGenerator encryption =
                    new PGPEncryptedDataGenerator(new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                            .setWithIntegrityPacket(true)
                            .setSecureRandom(random));
            encryption.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(BRIDGE).setSecureRandom(random));
            try (OutputStream out = encryption.open(armor, new byte[BUFFER])) {
                out.write(packets);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PGPException e) {
            throw new IllegalStateException("forging failed", e);
        }
        return sink.toByteArray();
    }

    /** One packet in the new format with a five-octet length. */
    static byte[] packet(int tag, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xC0 | tag);
        out.write(0xFF);
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((body.length >>> shift) & 0xFF);
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A literal data packet (binary, no name, fixed time) holding {@code data}. */
    static byte[] literal(byte[] data) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {'b', 0, 0, 0, 0, 0});
        body.writeBytes(data);
        return packet(11, body.toByteArray());
    }

    /** A compressed data packet of algorithm {@code algorithm} whose data is {@code data} as given. */
    static byte[] compressed(int algorithm, byte[] data) {
        byte[] body = new byte[data.length + 1];
        body[0] = (byte) algorithm;
        System.arraycopy(data, 0, body, 1, data.length);
        return packet(8, body);
    }

    private static void write(OutputStream sink, long seed, Plan plan, Content content)
            throws IOException, PGPException {
        SeededRandom random = new SeededRandom(seed);
        Deque<OutputStream> layers = new ArrayDeque<>();
        OutputStream out =
                plan.armored() ? ArmoredOutputStream.builder().clearHeaders().build(sink) : sink;
        layers.push(out);
        if (!plan.recipients().isEmpty()) {
            PGPEncryptedDataGenerator encryption =
                    new PGPEncryptedDataGenerator(new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                            .setWithIntegrityPacket(plan.integrity())
                            .setSecureRandom(random));
            for (PGPPublicKey recipient : plan.recipients()) {
                encryption.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(recipient).setSecureRandom(random));
            }
            out = encryption.open(out, new byte[BUFFER]);
            layers.push(out);
        }
        List<Integer> compression = plan.compression();
        for (int i = 0; i < compression.size(); i++) {
            // the innermost layer sees all the plaintext: at the plan's (fast) level; the outer ones
            // see only compressed bytes and squeeze them hard
            int level = i == compression.size() - 1 ? plan.level() : 9;
            out = new PGPCompressedDataGenerator(compression.get(i), level).open(out, new byte[BUFFER]);
            layers.push(out);
        }
        PGPSignatureGenerator signature = plan.signed() ? Sender.signer() : null;
        if (signature != null) {
            signature.generateOnePassVersion(false).encode(out);
        }
        OutputStream literal =
                new PGPLiteralDataGenerator().open(out, PGPLiteralData.BINARY, "", FIXED_TIME, new byte[BUFFER]);
        content.writeTo(signature == null ? literal : new Signing(literal, signature));
        literal.close();
        if (signature != null && plan.signature() != Signature.MISSING) {
            if (plan.signature() == Signature.NOT_MATCHING) {
                signature.update((byte) '!');
            }
            signature.generate().encode(out);
        }
        while (!layers.isEmpty()) {
            OutputStream layer = layers.pop();
            if (layer != sink) {
                layer.close();
            }
        }
    }

    private static PGPPublicKey encryptionKey(String resource) {
        try (InputStream in = resource(resource)) {
            PGPPublicKeyRing ring =
                    new PGPPublicKeyRing(PGPUtil.getDecoderStream(in), new BcKeyFingerprintCalculator());
            for (PGPPublicKey key : ring) {
                if (key.isEncryptionKey() && !key.isMasterKey()) {
                    return key;
                }
            }
            throw new IllegalStateException("no encryption subkey in " + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream resource(String name) {
        InputStream in = PgpForge.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }

    /** The sender's signing key (interop/sender-25519.sec.asc, no passphrase). */
    private static final class Sender {
        private static final PGPSecretKeyRing RING = read();

        private static PGPSecretKeyRing read() {
            try (InputStream in = resource("interop/sender-25519.sec.asc")) {
                return new PGPSecretKeyRing(PGPUtil.getDecoderStream(in), new BcKeyFingerprintCalculator());
            } catch (IOException | PGPException e) {
                throw new IllegalStateException("sender key unreadable", e);
            }
        }

        static PGPSignatureGenerator signer() throws PGPException {
            PGPPublicKey primary = RING.getPublicKey();
            PGPPrivateKey key = RING.getSecretKey()
                    .extractPrivateKey(
                            new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(new char[0]));
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(primary.getAlgorithm(), HashAlgorithmTags.SHA256), primary);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(true, FIXED_TIME);
            hashed.setIssuerFingerprint(false, primary);
            generator.setHashedSubpackets(hashed.generate());
            generator.init(PGPSignature.BINARY_DOCUMENT, key);
            return generator;
        }
    }

    /** Feeds every plaintext byte to the one-pass signature on its way to the literal packet. */
    private static final class Signing extends FilterOutputStream {
        private final PGPSignatureGenerator signature;

        Signing(OutputStream out, PGPSignatureGenerator signature) {
            super(out);
            this.signature = signature;
        }

        @Override
        public void write(int b) throws IOException {
            signature.update((byte) b);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            signature.update(b, off, len);
            out.write(b, off, len);
        }

        @Override
        public void close() {
            // the literal packet is closed by the forge
        }
    }
}
