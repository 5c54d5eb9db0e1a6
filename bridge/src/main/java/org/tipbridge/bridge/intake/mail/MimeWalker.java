// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.parser.ContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.tipbridge.bridge.pipeline.QuarantineReason;

/**
 * Walks one MIME entity as mime4j streams it: counts parts, depth and header bytes, keeps the few
 * headers that matter, and hands each leaf body to the {@link PartRouter}. A decrypted entity or a
 * signed part is walked by a nested walker sharing the same {@link MailWalk}.
 */
final class MimeWalker implements ContentHandler {
    private final MailWalk walk;
    private final TrustScope scope;
    private final boolean outermost;
    private final MimeStreamParser parser;
    private final Deque<Entity> entities = new ArrayDeque<>();

    private MimeWalker(MailWalk walk, TrustScope scope, boolean outermost) {
        this.walk = walk;
        this.scope = scope;
        this.outermost = outermost;
        this.parser = new MimeStreamParser(config(walk.budget()), DecodeMonitor.SILENT, null);
        parser.setContentHandler(this);
        parser.setContentDecoding(true);
        parser.setNoRecurse();
    }

    /** Walks the whole message; its root headers are the envelope. */
    static void walkMessage(MailWalk walk, InputStream in) throws IOException, MimeException {
        new MimeWalker(walk, TrustScope.clear(), true).parser.parse(in);
    }

    /** Walks an inner entity (decrypted content, signed part) in {@code scope}. */
    static void walkEntity(MailWalk walk, TrustScope scope, InputStream in) throws IOException, MimeException {
        new MimeWalker(walk, scope, false).parser.parse(in);
    }

    private static MimeConfig config(Budget budget) {
        int maxHeader = budget.limits().maxHeaderBytes();
        return MimeConfig.custom()
                .setStrictParsing(false)
                .setMaxLineLen(budget.limits().maxLineBytes())
                .setMaxHeaderLen(maxHeader)
                .setMaxHeaderCount(maxHeader)
                .setMaxContentLen(-1)
                .build();
    }

    @Override
    public void startMessage() {
        entities.push(new Entity(MultipartKind.NONE, 0, 0, 0, true));
    }

    @Override
    public void startBodyPart() throws MimeException {
        countPart();
        Entity parent = current();
        parent.children++;
        entities.push(new Entity(parent.kind, parent.id, parent.children, parent.alternativeGroup, false));
    }

    @Override
    public void field(Field field) throws MimeException {
        Entity entity = current();
        entity.headerBytes += field.getRaw() == null ? 0 : field.getRaw().length();
        guard(() -> walk.budget().checkHeader(entity.headerBytes));
        String value = HeaderText.value(field);
        entity.headers = entity.headers.with(field.getName(), value);
        if (outermost && entity.root) {
            walk.envelopeField(field.getName(), value);
        }
    }

    @Override
    public void endHeader() throws MimeException {
        Entity entity = current();
        if (outermost && entity.root) {
            guard(walk::envelopeDone);
        }
        entity.headers.language().ifPresent(language -> walk.addLanguage(language, scope));
        if (entity.root && entity.headers.isProtectedHeaders()) {
            entity.headers.subject().ifPresent(subject -> walk.addProtectedSubject(subject, scope));
        }
    }

    @Override
    public void startMultipart(BodyDescriptor descriptor) throws MimeException {
        guard(() -> walk.budget().enterMultipart());
        Entity entity = current();
        entity.kind = MultipartKind.of(entity.headers);
        entity.id = walk.nextMultipart();
        if (entity.kind == MultipartKind.ALTERNATIVE) {
            entity.alternativeGroup = walk.nextAlternativeGroup();
        }
        if (entity.kind == MultipartKind.PGP_SIGNED) {
            entity.signed = new SignedMultipart(walk, scope);
            parser.setRaw();
        }
    }

    @Override
    public void raw(InputStream in) throws MimeException, IOException {
        countPart();
        Entity signedEntity = current();
        signedEntity.children++;
        if (signedEntity.signed == null) {
            Streams.discard(in, Long.MAX_VALUE);
            return;
        }
        signedEntity.signed.part(signedEntity.children, in);
    }

    @Override
    public void endMultipart() throws MimeException {
        walk.budget().leaveMultipart();
        Entity entity = current();
        if (entity.children == 0) {
            // No delimiter line at all: everything was preamble, and a tip would silently lack its text.
            guard(() -> {
                throw IntakeAbort.rejected(QuarantineReason.MALFORMED_MIME);
            });
        }
        if (entity.signed != null) {
            parser.setNoRecurse();
            entity.signed.verify();
        }
    }

    @Override
    public void body(BodyDescriptor descriptor, InputStream in) throws MimeException, IOException {
        Entity entity = current();
        PartContext context = new PartContext(
                entity.headers,
                entity.parentKind,
                entity.parentId,
                entity.position,
                entity.root,
                entity.alternativeGroup,
                scope);
        new PartRouter(walk).route(context, in);
    }

    @Override
    public void endBodyPart() {
        entities.pop();
    }

    @Override
    public void endMessage() {
        entities.pop();
    }

    @Override
    public void startHeader() {}

    @Override
    public void preamble(InputStream in) {}

    @Override
    public void epilogue(InputStream in) {}

    private Entity current() {
        return entities.getFirst();
    }

    private void countPart() throws MimeException {
        guard(() -> walk.budget().countPart());
    }

    /** Runs a check whose IOException must travel through a mime4j callback that only declares MimeException. */
    private static void guard(IoAction action) throws MimeException {
        try {
            action.run();
        } catch (IOException e) {
            throw new MimeException(e);
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /** One entity on the walk's stack (mutable while its headers and children stream by). */
    private static final class Entity {
        final MultipartKind parentKind;
        final int parentId;
        final int position;
        final boolean root;
        PartHeaders headers = PartHeaders.empty();
        long headerBytes;
        MultipartKind kind = MultipartKind.NONE;
        int id;
        int alternativeGroup;
        int children;
        SignedMultipart signed;

        Entity(MultipartKind parentKind, int parentId, int position, int alternativeGroup, boolean root) {
            this.parentKind = parentKind;
            this.parentId = parentId;
            this.position = position;
            this.alternativeGroup = alternativeGroup;
            this.root = root;
        }
    }
}
