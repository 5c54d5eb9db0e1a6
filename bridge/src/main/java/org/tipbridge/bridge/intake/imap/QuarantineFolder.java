// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPInputStream;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.tipbridge.bridge.store.QuarantineEntry;

/**
 * The mailbox's quarantine folder, open read-write for one pass over the analysts' requests. A
 * message is found only by the place its entry recorded (UIDVALIDITY and UID, decision 28): when
 * the folder's UIDVALIDITY changed or the UID is gone, nothing is found and nothing is touched.
 */
final class QuarantineFolder implements AutoCloseable {
    private final IMAPFolder folder;
    private final boolean uidPlus;

    QuarantineFolder(IMAPFolder folder, boolean uidPlus) {
        this.folder = folder;
        this.uidPlus = uidPlus;
    }

    /** The message at {@code where}, if the folder still has that UIDVALIDITY and that UID. */
    Optional<Message> at(QuarantineEntry.Location where) throws MessagingException {
        if (folder.getUIDValidity() != where.uidValidity()) {
            return Optional.empty();
        }
        Message message = folder.getMessageByUID(where.uid());
        return message == null || message.isExpunged() ? Optional.empty() : Optional.of(message);
    }

    /** Streams a message, reading at most one byte past {@code maxBytes} (the caller's limit notices more). */
    InputStream open(Message message, long maxBytes) throws MessagingException {
        int size = message.getSize();
        int max = (int) Math.min(Integer.MAX_VALUE - 1L, size < 0 ? maxBytes + 1 : Math.min(size + 1L, maxBytes + 1));
        return new IMAPInputStream((IMAPMessage) message, null, max, true);
    }

    /** Expunges the message at {@code where} if it is there; gone already (or unreachable) is fine too. */
    void expunge(QuarantineEntry.Location where) throws MessagingException {
        Optional<Message> message = at(where);
        if (message.isPresent()) {
            expunge(List.of(message.get()));
        }
    }

    /** Expunges the messages at these places (those still there), in one command. */
    void expungeAll(List<QuarantineEntry.Location> places) throws MessagingException {
        List<Message> found = new ArrayList<>();
        for (QuarantineEntry.Location where : places) {
            at(where).ifPresent(found::add);
        }
        expunge(found);
    }

    /** Flags \Deleted, then expunges just those (UID EXPUNGE; places exist only with UIDPLUS). */
    private void expunge(List<Message> messages) throws MessagingException {
        if (messages.isEmpty() || !uidPlus) {
            return;
        }
        Message[] batch = messages.toArray(Message[]::new);
        folder.setFlags(batch, new Flags(Flags.Flag.DELETED), true);
        folder.expunge(batch);
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // a broken connection: the next pass opens the folder again
        }
    }

    static QuarantineFolder open(IMAPFolder folder, boolean uidPlus) throws MessagingException {
        folder.open(Folder.READ_WRITE);
        return new QuarantineFolder(folder, uidPlus);
    }
}
