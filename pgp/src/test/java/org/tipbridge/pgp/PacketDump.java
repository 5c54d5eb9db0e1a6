// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.bcpg.SymmetricEncIntegrityPacket;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;

/** Describes the outer packets of a message, for tests that check what we write. */
final class PacketDump {
    private PacketDump() {}

    static List<String> of(byte[] message) throws Exception {
        List<String> packets = new ArrayList<>();
        JcaPGPObjectFactory factory =
                new JcaPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(message)));
        Object next = factory.nextObject();
        if (next instanceof PGPEncryptedDataList) {
            for (PGPEncryptedData data : (PGPEncryptedDataList) next) {
                packets.add(data.getClass().getSimpleName());
                if (data.getEncData() instanceof SymmetricEncIntegrityPacket) {
                    int version = ((SymmetricEncIntegrityPacket) data.getEncData()).getVersion();
                    packets.add("SymmetricEncIntegrityPacket version=" + version);
                }
            }
        } else if (next != null) {
            packets.add(next.getClass().getSimpleName());
        }
        return packets;
    }

    static int symmetricAlgorithm(byte[] message, SecretKey key) throws Exception {
        JcaPGPObjectFactory factory =
                new JcaPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(message)));
        PGPEncryptedDataList list = (PGPEncryptedDataList) factory.nextObject();
        PGPPublicKeyEncryptedData data = (PGPPublicKeyEncryptedData) list.get(0);
        var privateKey =
                BcSecretKey.of(key).privateKeysFor(KeyIdentifier.wildcard()).get(1);
        return data.getSymmetricAlgorithm(FastJcaImplementation.create().publicKeyDataDecryptorFactory(privateKey));
    }
}
