// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPInputStream;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.Outcome;

/**
 * One connection to the mailbox with its folder open read-write. A message is deleted (flagged and
 * expunged) only after its handler returned an outcome, i.e. after the record was committed.
 */
final class ImapSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImapSession.class);
    private static final FetchProfile METADATA = metadata();
    private final Store store;
    private final IMAPFolder folder;
    private final String quarantineFolder;

    private ImapSession(Store store, IMAPFolder folder, String quarantineFolder) {
        this.store = store;
        this.folder = folder;
        this.quarantineFolder = quarantineFolder;
    }

    static ImapSession open(Session session, String user, char[] password, String folderName, String quarantineFolder)
            throws MessagingException {
        Store store = session.getStore();
        store.connect(user, new String(password));
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder(folderName);
            folder.open(Folder.READ_WRITE);
            return new ImapSession(store, folder, quarantineFolder);
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    boolean supportsIdle() throws MessagingException {
        return ((IMAPStore) store).hasCapability("IDLE");
    }

    /**
     * Processes every message in the folder; returns how many were handled. A message whose
     * handling keeps failing is passed over (left in the mailbox) so it cannot hold up the rest.
     * Deletions are sent in batches, always after the records they stand for were committed.
     */
    int drain(MessageHandler handler, long maxBytes, BooleanSupplier running, RetryLedger retries)
            throws MessagingException {
        Message[] messages = folder.getMessages();
        folder.fetch(messages, METADATA);
        long validity = folder.getUIDValidity();
        PendingAcks acks = new PendingAcks();
        int handled = 0;
        try {
            for (Message message : messages) {
                if (!running.getAsBoolean()) {
                    break;
                }
                if (message.isExpunged()) {
                    continue;
                }
                if (message.isSet(Flags.Flag.DELETED)) {
                    acks.durable(message);
                } else if (handleAndSort(message, validity, handler, maxBytes, retries, acks)) {
                    handled++;
                }
                if (acks.full()) {
                    settle(acks, handler, retries);
                }
            }
        } finally {
            settle(acks, handler, retries);
        }
        return handled;
    }

    /** Commits the prepared batch, then deletes whatever is durable; a failed commit deletes none of the batch. */
    private void settle(PendingAcks acks, MessageHandler handler, RetryLedger retries) throws MessagingException {
        if (acks.hasPrepared()) {
            try {
                handler.flush();
                acks.committed();
            } catch (IntakeException.TransientIo e) {
                acks.failed().forEach(retries::failed);
                LOG.warn("a batch of records could not be committed; its messages stay in the mailbox", e);
            }
        }
        acknowledge(acks.takeDurable());
    }

    /** Handles one message; true when it was handled (prepared, durable, or moved aside). */
    private boolean handleAndSort(Message message, long validity, MessageHandler handler, long maxBytes,
            RetryLedger retries, PendingAcks acks) throws MessagingException {
        String upstreamId = validity + "/" + folder.getUID(message);
        if (retries.passOver(upstreamId)) {
            return false;
        }
        Outcome outcome;
        try {
            outcome = handleOne((IMAPMessage) message, upstreamId, handler, maxBytes);
        } catch (IntakeException.TransientIo e) {
            retries.failed(upstreamId);
            LOG.warn("a message could not be processed and stays in the mailbox for a later retry", e);
            return false;
        }
        retries.succeeded(upstreamId);
        if (outcome instanceof Outcome.Quarantined) {
            moveToQuarantine(message);
        } else if (outcome instanceof Outcome.Prepared prepared) {
            acks.prepared(message, upstreamId);
            if (prepared.batchFull()) {
                settle(acks, handler, retries);
            }
        } else {
            acks.durable(message);
        }
        return true;
    }

    private Outcome handleOne(IMAPMessage message, String upstreamId, MessageHandler handler, long maxBytes)
            throws MessagingException, IntakeException.TransientIo {
        int size = message.getSize();
        if (size > maxBytes) {
            return handler.oversize(upstreamId);
        }
        try (InputStream raw = new IMAPInputStream(message, null, size < 0 ? -1 : size, true)) {
            return handler.handle(raw, upstreamId);
        } catch (IOException e) {
            throw new IntakeException.TransientIo("reading from the mailbox failed", e);
        }
    }

    /** Deletes messages whose outcome is durable: flag \Deleted, then expunge just those (UIDPLUS). */
    private void acknowledge(List<Message> messages) throws MessagingException {
        if (messages.isEmpty()) {
            return;
        }
        Message[] batch = messages.toArray(Message[]::new);
        folder.setFlags(batch, new Flags(Flags.Flag.DELETED), true);
        if (((IMAPStore) store).hasCapability("UIDPLUS")) {
            folder.expunge(batch);
        } else {
            folder.expunge();
        }
    }

    /**
     * Moves a quarantined message out of the way instead of deleting it, so the operator still has
     * it (its quarantine row is already committed; a replay finds that row and moves it again).
     */
    private void moveToQuarantine(Message message) throws MessagingException {
        Folder target = store.getFolder(quarantineFolder);
        if (!target.exists()) {
            target.create(Folder.HOLDS_MESSAGES);
        }
        if (((IMAPStore) store).hasCapability("MOVE")) {
            folder.moveMessages(new Message[] {message}, target);
        } else {
            folder.copyMessages(new Message[] {message}, target);
            acknowledge(List.of(message));
        }
    }

    private static FetchProfile metadata() {
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.SIZE);
        return profile;
    }

    int messageCount() throws MessagingException {
        return folder.getMessageCount();
    }

    /** Blocks until the server reports a change or another thread calls {@link #wake()}. */
    void idle() throws MessagingException {
        folder.idle(true);
    }

    /** Ends an idle from another thread (sends NOOP, which also checks the connection). */
    void wake() throws MessagingException {
        folder.doCommand(protocol -> {
            protocol.noop();
            return null;
        });
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // closing a broken connection: nothing more to do
        }
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // as above
        }
    }
}
