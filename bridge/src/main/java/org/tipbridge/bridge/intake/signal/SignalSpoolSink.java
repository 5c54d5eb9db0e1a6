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
    /**
     * First byte of a spooled line that signal-cli sent but could not be read as a notification;
     * no JSON text starts with it, so the drain tells the two kinds apart after opening an item.
     */
    public static final byte UNREADABLE_MARK = 0;

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
        spool(new byte[0], resultJson);
    }

    /** Spools a line that could not be read, marked, so the drain quarantines it (sealed) instead of losing it. */
    @Override
    public void acceptUnreadable(byte[] line) throws Exception {
        spool(new byte[] {UNREADABLE_MARK}, line);
    }

    private void spool(byte[] mark, byte[] bytes) throws Exception {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream(bytes.length + 512);
        try (OutputStream out = pgp.encrypt(sealed, EncryptOptions.to(List.of(bridge)))) {
            out.write(mark);
            out.write(bytes);
        }
        spool.put(sealed.toByteArray());
        try {
            afterPut.run();
        } catch (RuntimeException e) {
            // the periodic drain takes the item anyway
        }
    }
}
