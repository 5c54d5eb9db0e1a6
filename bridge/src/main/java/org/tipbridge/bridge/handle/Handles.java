// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.HandleMapping;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.StoreException;

/**
 * Gives each sender one stable random handle. The store only ever sees the keyed lookup hash of
 * the sender identity and the sealed reply address; the secrets to compute or open them stay here.
 */
public final class Handles {

    private static final int MAX_NAME_ATTEMPTS = 16;

    private final RecordStore store;
    private final MappingSecrets secrets;
    private final ReplyAddressBox box;
    private final SecureRandom rng;

    public Handles(RecordStore store, MappingSecrets secrets, ReplyAddressBox box, SecureRandom rng) {
        this.store = store;
        this.secrets = secrets;
        this.box = box;
        this.rng = rng;
    }

    /**
     * The sender's handle, created on first contact. For a known sender the sealed reply address is
     * refreshed (the first source key learnt stays; the timer follows the newest message) and the
     * last-seen time moves to {@code coarseNow}. Serialised: messages are handled on several threads,
     * and the refresh is a read-modify-write.
     */
    public synchronized Handle assign(
            Channel channel, String normalisedIdentity, ReplyAddress reply, Instant coarseNow) {
        byte[] lookupKey = secrets.lookupKey(channel, normalisedIdentity);
        Optional<HandleMapping> existing = store.findMapping(lookupKey);
        if (existing.isPresent()) {
            return refresh(existing.get(), reply, coarseNow);
        }
        for (int attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
            String candidate = HandleNames.next(rng);
            try {
                HandleMapping mapping =
                        store.createMapping(lookupKey, candidate, box.seal(candidate, reply), coarseNow);
                return mapping.handle().equals(candidate)
                        ? new Handle(candidate, true)
                        : refresh(mapping, reply, coarseNow);
            } catch (StoreException.HandleTaken e) {
                // another sender has this name: draw again
            }
        }
        throw new StoreException("could not find a free handle");
    }

    /** The reply address of a handle, for the outbox; empty if the handle has no mapping (any more). */
    public Optional<ReplyAddress> replyAddress(String handle) {
        return store.findByHandle(handle).map(m -> box.open(m.handle(), m.sealedReplyAddress()));
    }

    /**
     * The source's OpenPGP certificate, if one was learnt from an earlier message of the same sender
     * (empty too if the stored address no longer opens).
     */
    public Optional<byte[]> sourceKey(Channel channel, String normalisedIdentity) {
        return store.findMapping(secrets.lookupKey(channel, normalisedIdentity))
                .flatMap(this::previous)
                .flatMap(ReplyAddress::sourceKey);
    }

    private Handle refresh(HandleMapping mapping, ReplyAddress reply, Instant coarseNow) {
        Optional<ReplyAddress> old = previous(mapping);
        ReplyAddress updated = old.map(o -> o.updatedBy(reply)).orElse(reply);
        boolean unchanged = old.isPresent() && old.get().equals(updated) && !coarseNow.isAfter(mapping.lastSeen());
        if (!unchanged) {
            // Nothing new (same address, key and coarse time) means no write: one fsync fewer per tip.
            store.updateMapping(mapping.handle(), box.seal(mapping.handle(), updated), coarseNow);
        }
        return new Handle(mapping.handle(), false);
    }

    /** The stored address; empty if it no longer opens (then the new message's address replaces it). */
    private Optional<ReplyAddress> previous(HandleMapping mapping) {
        try {
            return Optional.of(box.open(mapping.handle(), mapping.sealedReplyAddress()));
        } catch (HandleException.SealedAddressRejected e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "Handles[redacted]";
    }
}
