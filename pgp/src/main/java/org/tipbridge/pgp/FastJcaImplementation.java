// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.security.Provider;
import java.security.SecureRandom;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.api.OpenPGPDefaultPolicy;
import org.bouncycastle.openpgp.api.jcajce.JcaOpenPGPImplementation;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.PublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyDataDecryptorFactoryBuilder;

/** The JCA implementation of Bouncy Castle's OpenPGP API with the symmetric cipher taken from the JDK (AES-NI). */
final class FastJcaImplementation extends JcaOpenPGPImplementation {
    /** The JDK provider whose AES/CFB uses AES-NI: about four times BC's pure-Java AES. */
    static final String CONTENT_PROVIDER = "SunJCE";

    private final SecureRandom random;

    private FastJcaImplementation(Provider provider, SecureRandom random) {
        super(provider, random);
        this.random = random;
    }

    static FastJcaImplementation create() {
        FastJcaImplementation implementation =
                new FastJcaImplementation(new BouncyCastleProvider(), new SecureRandom());
        implementation.setPolicy(new OpenPGPDefaultPolicy());
        return implementation;
    }

    @Override
    public PGPDataEncryptorBuilder pgpDataEncryptorBuilder(int symmetricKeyAlgorithm) {
        return new JcePGPDataEncryptorBuilder(symmetricKeyAlgorithm)
                .setProvider(CONTENT_PROVIDER)
                .setSecureRandom(random);
    }

    @Override
    public PublicKeyDataDecryptorFactory publicKeyDataDecryptorFactory(PGPPrivateKey privateKey) {
        return new BulkDecryptorFactory(decryptorFactory(privateKey, CONTENT_PROVIDER), CONTENT_PROVIDER);
    }

    /** A session-key decryptor for AEAD (SEIPDv2) messages, whose OCB mode the JDK lacks. */
    PublicKeyDataDecryptorFactory aeadDecryptorFactory(PGPPrivateKey privateKey) {
        return decryptorFactory(privateKey, null);
    }

    private PublicKeyDataDecryptorFactory decryptorFactory(PGPPrivateKey privateKey, String contentProvider) {
        JcePublicKeyDataDecryptorFactoryBuilder builder =
                new JcePublicKeyDataDecryptorFactoryBuilder().setProvider(getProvider());
        if (contentProvider == null) {
            builder.setContentProvider(getProvider());
        } else {
            builder.setContentProvider(contentProvider);
        }
        return builder.build(privateKey);
    }
}
