// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPInputStream;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.flood.IntakeGuards;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.Outcome;
import org.tipbridge.bridge.store.QuarantineEntry;

/**
 * One connection to the mailbox with its folder open read-write. A message is deleted (flagged and
 * expunged) only after its handler returned an outcome, i.e. after the record was committed.
 */
final class ImapSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImapSession.class);
    private static final FetchProfile METADATA = metadata();
    static final int MAX_PER_DRAIN = 2000;
    /** Set once the server was found without UIDPLUS, so that is logged once per process. */
    private static final AtomicBoolean NO_UIDPLUS_LOGGED = new AtomicBoolean();
    /** Most bytes of the outer {@code From} field read for the rate limits. */
    static final int SENDER_MAX_BYTES = 1024;

    private final Store store;
    private final IMAPFolder folder;
    private final String quarantineFolder;
    private final Locator locator;
    /** A message left the folder since it was (re)opened, so the view may be out of step (see {@link #refresh}). */
    private boolean removed;
    /** Set by {@link #close}: no refresh may open the folder (and so log in) again after it. */
    private volatile boolean closed;
    /** Makes {@link #refresh} and {@link #close} exclusive, so a close never lands between the two halves. */
    private final Object lifecycle = new Object();

    /** Records where a quarantined message landed in the quarantine folder (decision 28). */
    @FunctionalInterface
    interface Locator {
        void located(long entryId, QuarantineEntry.Location where);

        /** A batch's places at once (one transaction where the store can). */
        default void locatedAll(java.util.Map<Long, QuarantineEntry.Location> places) {
            places.forEach(this::located);
        }
    }

    private ImapSession(Store store, IMAPFolder folder, String quarantineFolder, Locator locator) {
        this.store = store;
        this.folder = folder;
        this.quarantineFolder = quarantineFolder;
        this.locator = locator;
    }

    static ImapSession open(
            Session session, String user, char[] password, String folderName, String quarantineFolder, Locator locator)
            throws MessagingException {
        Store store = session.getStore();
        store.connect(user, new String(password));
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder(folderName);
            folder.open(Folder.READ_WRITE);
            return new ImapSession(store, folder, quarantineFolder, locator);
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    boolean supportsIdle() throws MessagingException {
        return ((IMAPStore) store).hasCapability("IDLE");
    }

    /**
     * Processes every message in the folder (see {@link Drain}); returns how many were handled. A
     * message whose handling keeps failing is passed over (left in the mailbox) so it cannot hold
     * up the rest.
     */
    int drain(
            MessageHandler handler,
            long maxBytes,
            BooleanSupplier running,
            RetryLedger retries,
            ExecutorService workers,
            IntakeGuards guards)
            throws MessagingException {
        int count = folder.getMessageCount();
        if (count <= 0 || !guards.disk().accepting()) {
            return 0;
        }
        // At most MAX_PER_DRAIN at a time, so memory does not grow with the mailbox; handled ones
        // are expunged, so the next drain starts with the ones after them.
        Message[] messages = folder.getMessages(1, Math.min(count, MAX_PER_DRAIN));
        folder.fetch(messages, METADATA);
        MailGate gate = new MailGate(guards);
        gate.listed(messages);
        int handled = new Drain(this, handler, maxBytes, retries, workers, gate)
                .run(messages, folder.getUIDValidity(), running);
        if (removed && running.getAsBoolean()) {
            refresh();
        }
        return handled;
    }

    /**
     * Opens the folder afresh (nothing is expunged), so that this session's view of it is the
     * server's own again; done after every pass that took messages out of the folder, and by the
     * poll. JavaMail keeps a message that left by MOVE in its list, and in its count, until the
     * folder is reopened: without this the list would grow with every message quarantined and,
     * past {@link #MAX_PER_DRAIN} of them, hide all new mail. And a server whose announcements go
     * wrong, one that reports the new message count before the expunges it comes after (GreenMail
     * does, after MOVE and EXPUNGE alike), which JavaMail takes for an old count and ignores, or one
     * that drops them, would leave new mail unseen until the connection ends. Refused once the
     * session is closed: reopening would log in again.
     */
    void refresh() throws MessagingException {
        synchronized (lifecycle) {
            if (closed) {
                throw new FolderClosedException(folder, "the session is closed");
            }
            folder.close(false);
            folder.open(Folder.READ_WRITE);
            removed = false;
        }
    }

    /**
     * The start of the outer {@code From} header field of each message: at most {@link
     * #SENDER_MAX_BYTES} plus one byte of it, so a longer one is recognisable as cut off. One
     * partial UID FETCH for the lot: a huge header costs no more memory than a short one (the
     * listing does not prefetch {@code From}, which JavaMail would keep whole). A message the
     * server sends nothing for is missing from the result.
     */
    Map<Message, byte[]> outerFroms(List<Message> messages) throws MessagingException {
        Map<Long, Message> byUid = new HashMap<>();
        for (Message message : messages) {
            byUid.put(folder.getUID(message), message);
        }
        Map<Message, byte[]> fields = new HashMap<>();
        if (byUid.isEmpty()) {
            return fields;
        }
        String command = "UID FETCH "
                + byUid.keySet().stream().map(String::valueOf).collect(Collectors.joining(","))
                + " (UID BODY.PEEK[HEADER.FIELDS (FROM)]<0." + (SENDER_MAX_BYTES + 1) + ">)";
        folder.doCommand(protocol -> {
            Response[] responses = protocol.command(command, null);
            for (Response response : responses) {
                if (response instanceof FetchResponse fetch
                        && fetch.getItem(UID.class) != null
                        && fetch.getItem(BODY.class) != null) {
                    Message message = byUid.get(fetch.getItem(UID.class).uid);
                    if (message != null) {
                        fields.put(
                                message,
                                fetch.getItem(BODY.class)
                                        .getByteArrayInputStream()
                                        .readAllBytes());
                    }
                }
            }
            protocol.notifyResponseHandlers(responses);
            protocol.handleResult(responses[responses.length - 1]);
            return null;
        });
        return fields;
    }

    long uid(Message message) throws MessagingException {
        return folder.getUID(message);
    }

    /** The whole raw message, for one that is known to be small. */
    byte[] fetchWhole(Message message, int size) throws IOException {
        // Ask for one byte more than announced, so a message larger than its RFC822.SIZE is noticed.
        try (InputStream raw = new IMAPInputStream((IMAPMessage) message, null, size + 1, true)) {
            byte[] bytes = raw.readNBytes(size + 1);
            if (bytes.length > size) {
                throw new IOException("the message is larger than the server said");
            }
            return bytes;
        }
    }

    /** The first {@code max} bytes of a message (or all of a smaller one), fetched in partial reads. */
    InputStream openStart(Message message, int max) throws IOException {
        try {
            int size = message.getSize();
            return new IMAPInputStream((IMAPMessage) message, null, size < 0 ? max : Math.min(size + 1, max), true);
        } catch (MessagingException e) {
            throw new IOException("the message size could not be read", e);
        }
    }

    /** Streams a large message through the handler on this thread. */
    Outcome handleStreaming(Message message, String upstreamId, MessageHandler handler)
            throws MessagingException, IntakeException.TransientIo {
        return handleOne((IMAPMessage) message, upstreamId, handler);
    }

    private Outcome handleOne(IMAPMessage message, String upstreamId, MessageHandler handler)
            throws MessagingException, IntakeException.TransientIo {
        int size = message.getSize();
        try (InputStream raw = new IMAPInputStream(message, null, size < 0 ? -1 : size + 1, true)) {
            return handler.handle(raw, upstreamId);
        } catch (IOException e) {
            throw new IntakeException.TransientIo("reading from the mailbox failed", e);
        }
    }

    /** Deletes messages whose outcome is durable: flag \Deleted, then expunge just those (UIDPLUS). */
    void acknowledge(List<Message> messages) throws MessagingException {
        if (messages.isEmpty()) {
            return;
        }
        Message[] batch = messages.toArray(Message[]::new);
        removed = true;
        folder.setFlags(batch, new Flags(Flags.Flag.DELETED), true);
        if (((IMAPStore) store).hasCapability("UIDPLUS")) {
            folder.expunge(batch);
        } else {
            folder.expunge();
        }
    }

    /**
     * Moves a quarantined message out of the way instead of deleting it, so the operator still has
     * it (its quarantine row is already committed; a replay finds that row and moves it again), then
     * records its new place (the COPYUID answer: the folder's UIDVALIDITY and its UID there) in
     * entry {@code entryId}. A server without UIDPLUS gives no place: the entry then has none and
     * cannot be released (original-missing). A crash between the move and the record leaves the
     * message in the folder for the operator.
     */
    void moveToQuarantine(Message message, long entryId) throws MessagingException {
        IMAPFolder target = (IMAPFolder) store.getFolder(quarantineFolder);
        if (!target.exists()) {
            target.create(Folder.HOLDS_MESSAGES);
        }
        Message[] one = {message};
        boolean move = ((IMAPStore) store).hasCapability("MOVE");
        if (!((IMAPStore) store).hasCapability("UIDPLUS")) {
            if (NO_UIDPLUS_LOGGED.compareAndSet(false, true)) {
                LOG.warn("the mail server lacks UIDPLUS: quarantined e-mail cannot be released or expunged by the"
                        + " daemon (see the operator guide)");
            }
            moveOrCopy(one, target, move);
            removed = true;
            return;
        }
        AppendUID[] uids = move ? folder.moveUIDMessages(one, target) : folder.copyUIDMessages(one, target);
        removed = true;
        if (!move) {
            acknowledge(List.of(message));
        }
        if (uids != null && uids.length == 1 && uids[0] != null) {
            locator.located(entryId, new QuarantineEntry.Location(uids[0].uidvalidity, uids[0].uid));
        } else {
            LOG.warn("quarantine entry {}: the server named no place for the moved message", entryId);
        }
    }

    private void moveOrCopy(Message[] one, Folder target, boolean move) throws MessagingException {
        if (move) {
            folder.moveMessages(one, target);
        } else {
            folder.copyMessages(one, target);
            acknowledge(List.of(one));
        }
    }

    /** The quarantine folder open read-write, or null when it does not exist (nothing was quarantined yet). */
    QuarantineFolder openQuarantineFolder() throws MessagingException {
        IMAPFolder target = (IMAPFolder) store.getFolder(quarantineFolder);
        if (!target.exists()) {
            return null;
        }
        return QuarantineFolder.open(target, ((IMAPStore) store).hasCapability("UIDPLUS"));
    }

    /**
     * Moves rate-limited messages, whose quarantine rows ({@code entryIds}, in the same order) are
     * committed, to the quarantine folder: one COPY and one expunge for the whole batch (some
     * servers expunge once per message on MOVE, which a flood makes slow), then records each
     * message's place from the COPYUID answer so release, delete and retention can find it. A
     * crash between the COPY and the expunge leaves the message in the mailbox as well, and it is
     * taken again; one between the expunge and the record leaves it placeless (original-missing).
     */
    void moveAllToQuarantine(List<Message> messages, List<Long> entryIds) throws MessagingException {
        IMAPFolder target = (IMAPFolder) store.getFolder(quarantineFolder);
        if (!target.exists()) {
            target.create(Folder.HOLDS_MESSAGES);
        }
        Message[] all = messages.toArray(Message[]::new);
        if (!((IMAPStore) store).hasCapability("UIDPLUS")) {
            folder.copyMessages(all, target);
            acknowledge(messages);
            return;
        }
        AppendUID[] uids = folder.copyUIDMessages(all, target);
        acknowledge(messages);
        java.util.Map<Long, QuarantineEntry.Location> places = new java.util.LinkedHashMap<>();
        for (int i = 0; uids != null && i < uids.length && i < entryIds.size(); i++) {
            if (uids[i] != null) {
                places.put(entryIds.get(i), new QuarantineEntry.Location(uids[i].uidvalidity, uids[i].uid));
            }
        }
        locator.locatedAll(places);
    }

    private static FetchProfile metadata() {
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.SIZE);
        // Not the From header: JavaMail would keep it whole, however large (see outerFroms).
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
        synchronized (lifecycle) {
            closed = true;
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
}
