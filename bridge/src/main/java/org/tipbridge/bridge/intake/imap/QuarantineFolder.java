// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.InputStream;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPInputStream;
import org.eclipse.angus.mail.imap.IMAPMessage;

/** The mailbox's quarantine folder, open read-write for one pass over the analysts' requests. */
final class QuarantineFolder implements AutoCloseable {
    private final IMAPFolder folder;
    private final boolean uidPlus;

    QuarantineFolder(IMAPFolder folder, boolean uidPlus) {
        this.folder = folder;
        this.uidPlus = uidPlus;
    }

    /** The messages carrying the keyword of entry {@code entryId} (normally one). */
    Message[] find(long entryId) throws MessagingException {
        return folder.search(QuarantineKeywords.search(entryId));
    }

    /**
     * The first {@code max} messages (the oldest) that carry an entry keyword, by entry id; their
     * flags are fetched in one command.
     */
    java.util.Map<Long, java.util.List<Message>> keyed(int max) throws MessagingException {
        int count = folder.getMessageCount();
        java.util.Map<Long, java.util.List<Message>> out = new java.util.HashMap<>();
        if (count <= 0) {
            return out;
        }
        Message[] messages = folder.getMessages(1, Math.min(count, max));
        jakarta.mail.FetchProfile flags = new jakarta.mail.FetchProfile();
        flags.add(jakarta.mail.FetchProfile.Item.FLAGS);
        folder.fetch(messages, flags);
        for (Message m : messages) {
            for (String keyword : m.getFlags().getUserFlags()) {
                long id = QuarantineKeywords.entryId(keyword);
                if (id >= 0) {
                    out.computeIfAbsent(id, k -> new java.util.ArrayList<>()).add(m);
                }
            }
        }
        return out;
    }

    /** Streams a message, reading at most one byte past {@code maxBytes} (the caller's limit notices more). */
    InputStream open(Message message, long maxBytes) throws MessagingException {
        int size = message.getSize();
        int max = (int) Math.min(Integer.MAX_VALUE - 1L, size < 0 ? maxBytes + 1 : Math.min(size + 1L, maxBytes + 1));
        return new IMAPInputStream((IMAPMessage) message, null, max, true);
    }

    /** Deletes these messages from the folder: flag \Deleted, then expunge just those (UIDPLUS). */
    void expunge(Message[] messages) throws MessagingException {
        if (messages.length == 0) {
            return;
        }
        folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
        if (uidPlus) {
            folder.expunge(messages);
        } else {
            folder.expunge();
        }
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
