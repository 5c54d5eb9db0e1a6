// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import org.tipbridge.bridge.store.Spool;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.EncryptOptions;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.signal.EnvelopeSink;

/**
 * The first thing done with a Signal notification (signal-cli has already acknowledged it to
 * Signal's server): seal its bytes to the bridge key and put them in the spool, fsynced. Nothing is
 * parsed before the bytes are durable, and they never touch disk in clear.
 */
public final class SignalSpoolSink implements EnvelopeSink {
    private final Spool spool;
    private final OpenPgp pgp;
    private final Certificate bridge;
    private final Runnable afterPut;

    public SignalSpoolSink(Spool spool, OpenPgp pgp, Certificate bridge, Runnable afterPut) {
        this.spool = spool;
        this.pgp = pgp;
        this.bridge = bridge;
        this.afterPut = afterPut;
    }

    /**
     * Seals and spools the bytes. They are not wiped here: if this throws, the receiver offers the
     * very same array again. A failure after the put (waking the drain) is not the sink's failure.
     */
    @Override
    public void accept(byte[] resultJson) throws Exception {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream(resultJson.length + 512);
        try (OutputStream out = pgp.encrypt(sealed, EncryptOptions.to(List.of(bridge)))) {
            out.write(resultJson);
        }
        spool.put(sealed.toByteArray());
        try {
            afterPut.run();
        } catch (RuntimeException e) {
            // the periodic drain takes the item anyway
        }
    }
}
