// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlCasesTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);
    private static final Instant T2 = T0.plusSeconds(7200);
    private static final Cases.Action BY_ALICE_AT_T1 = new Cases.Action("alice", T1);
    private static final Cases.Action BY_BOB_AT_T2 = new Cases.Action("bob", T2);

    @TempDir
    Path tmp;

    private RecordStore store;
    private Cases cases;

    @BeforeEach
    void open() {
        store = RecordStore.open(TestDatabases.store(tmp));
        cases = store.cases();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private long commit(int n) {
        return store.commit(SqliteRecordStoreTest.record("amber-otter-7K4QX", T0, n))
                .id();
    }

    private RecordSummary summary(long id) {
        return store.get(id).orElseThrow().summary();
    }

    private List<String> actions() {
        return store.audit().recent(100).stream()
                .map(e -> e.action() + ":" + e.detail().orElse("") + "@" + e.recordId())
                .toList();
    }

    @Test
    void retagAuditsEachRealChangeAndTouchesTheRecord() {
        long id = commit(1);

        Cases.TagChange first = cases.retag(id, Set.of("urgent", "legal"), Set.of(), BY_ALICE_AT_T1)
                .orElseThrow();
        Cases.TagChange second =
                cases.retag(id, Set.of("urgent"), Set.of("legal"), BY_BOB_AT_T2).orElseThrow();

        assertThat(first).isEqualTo(new Cases.TagChange(List.of("legal", "urgent"), List.of()));
        assertThat(second).isEqualTo(new Cases.TagChange(List.of(), List.of("legal")));
        assertThat(summary(id).tags()).containsExactly("urgent");
        assertThat(summary(id).touchedAt()).isEqualTo(T2);
        assertThat(actions())
                .containsExactly("tag-removed:legal@" + id, "tag-added:urgent@" + id, "tag-added:legal@" + id);
    }

    @Test
    void retagThatChangesNothingNeitherAuditsNorTouches() {
        long id = commit(1);

        assertThat(cases.retag(id, Set.of(), Set.of("absent"), BY_ALICE_AT_T1)).isPresent();

        assertThat(summary(id).touchedAt()).isEqualTo(T0);
        assertThat(actions()).isEmpty();
    }

    @Test
    void missingRecordIsNotFoundAndNothingIsWritten() {
        commit(1);

        assertThat(cases.retag(99, Set.of("urgent"), Set.of(), BY_ALICE_AT_T1)).isEmpty();
        assertThat(cases.assign(99, "alice", BY_ALICE_AT_T1)).isFalse();
        assertThat(cases.unassign(99, BY_ALICE_AT_T1)).isFalse();
        assertThat(cases.addNote(99, sealed("x"), BY_ALICE_AT_T1)).isEmpty();
        assertThat(store.changeStatus(99, "closed", event("status-changed", 99)))
                .isFalse();

        assertThat(actions()).isEmpty();
        assertThat(cases.notes(99)).isEmpty();
        assertThat(cases.list(RecordFilter.all(10)).orElseThrow().records())
                .allSatisfy(r -> assertThat(r.tags()).isEmpty());
    }

    @Test
    void assignAndUnassignAreAuditedAndTouch() {
        long id = commit(1);

        cases.assign(id, "alice", BY_ALICE_AT_T1);
        assertThat(summary(id).assignedTo()).contains("alice");
        assertThat(summary(id).touchedAt()).isEqualTo(T1);

        assertThat(cases.unassign(id, BY_BOB_AT_T2)).isTrue();
        assertThat(cases.unassign(id, new Cases.Action("bob", T2.plusSeconds(60))))
                .isTrue();

        assertThat(summary(id).assignedTo()).isEmpty();
        assertThat(summary(id).touchedAt()).isEqualTo(T2);
        assertThat(actions()).containsExactly("unassigned:alice@" + id, "assigned:alice@" + id);
    }

    @Test
    void changeStatusSetsTouchedAtAndClosedAtOnlyWhileClosed() {
        long id = commit(1);
        assertThat(summary(id).touchedAt()).isEqualTo(T0);
        assertThat(summary(id).closedAt()).isEmpty();

        store.changeStatus(id, "closed", new AuditLog.Event("alice", "status-changed", Optional.of("closed"), id, T1));
        assertThat(summary(id).closedAt()).contains(T1);
        assertThat(summary(id).touchedAt()).isEqualTo(T1);

        store.changeStatus(id, "triaged", new AuditLog.Event("bob", "status-changed", Optional.of("triaged"), id, T2));
        assertThat(summary(id).closedAt()).isEmpty();
        assertThat(summary(id).touchedAt()).isEqualTo(T2);
        assertThat(summary(id).keepUntil()).isEmpty();
    }

    @Test
    void closingAClosedRecordKeepsWhenItWasClosed() {
        long id = commit(1);
        store.changeStatus(id, "closed", new AuditLog.Event("alice", "status-changed", Optional.of("closed"), id, T1));

        store.changeStatus(id, "closed", new AuditLog.Event("bob", "status-changed", Optional.of("closed"), id, T2));

        assertThat(summary(id).closedAt()).contains(T1);
        assertThat(summary(id).touchedAt()).isEqualTo(T2);
        assertThat(summary(id).status()).isEqualTo("closed");
    }

    @Test
    void notesAreKeptOldestFirstWithWhoAndWhenAndTouch() {
        long id = commit(1);

        long first = cases.addNote(id, sealed("one"), BY_ALICE_AT_T1).orElseThrow();
        long second = cases.addNote(id, sealed("two"), BY_BOB_AT_T2).orElseThrow();

        List<Cases.Note> notes = cases.notes(id);
        assertThat(notes).extracting(Cases.Note::id).containsExactly(first, second);
        assertThat(notes).extracting(Cases.Note::actor).containsExactly("alice", "bob");
        assertThat(notes.get(0).at()).isEqualTo(T1);
        assertThat(new String(notes.get(1).sealedNote(), StandardCharsets.US_ASCII))
                .isEqualTo("two");
        assertThat(summary(id).touchedAt()).isEqualTo(T2);
        assertThat(actions()).containsExactly("note-added:@" + id, "note-added:@" + id);
    }

    @Test
    void viewingIsAuditedButDoesNotTouch() {
        long a = commit(1);
        long b = commit(2);

        cases.viewed(List.of(a, b), BY_ALICE_AT_T1);

        assertThat(actions()).containsExactly("viewed:@" + b, "viewed:@" + a);
        assertThat(summary(a).touchedAt()).isEqualTo(T0);
    }

    @Test
    void refusesMalformedTagsAndAnalystNames() {
        long id = commit(1);

        assertThatThrownBy(() -> cases.retag(id, Set.of("Urgent"), Set.of(), BY_ALICE_AT_T1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cases.retag(id, Set.of(), Set.of("-x"), BY_ALICE_AT_T1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cases.retag(id, Set.of("a".repeat(33)), Set.of(), BY_ALICE_AT_T1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cases.assign(id, "alice smith", BY_ALICE_AT_T1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(actions()).isEmpty();
    }

    private static byte[] sealed(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static AuditLog.Event event(String action, long id) {
        return new AuditLog.Event("alice", action, Optional.empty(), id, T1);
    }
}
