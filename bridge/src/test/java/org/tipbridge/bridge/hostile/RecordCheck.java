// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.tipbridge.bridge.pipeline.RecordDocument;

/**
 * A property a case's tip record must have beyond its warnings: checked against the record as the
 * analysts decrypt it, and the reply address its handle maps to. Says what is wrong, or nothing.
 */
@FunctionalInterface
interface RecordCheck {
    Optional<String> problem(Tip tip);

    /** What the test opened for one record. */
    record Tip(RecordDocument record, Optional<String> replyAddress) {}

    static RecordCheck that(String description, Predicate<Tip> holds) {
        return tip -> holds.test(tip) ? Optional.empty() : Optional.of(description);
    }

    static RecordCheck bodyContains(String text) {
        return that("body contains \"" + text + "\"", t -> t.record().body().contains(text));
    }

    static RecordCheck bodyLacks(String text) {
        return that(
                "body does not contain \"" + text + "\"",
                t -> !t.record().body().contains(text));
    }

    static RecordCheck subjectIs(String subject) {
        return that("subject is \"" + subject + "\"", t -> t.record().subject().equals(subject));
    }

    static RecordCheck replyGoesTo(String address) {
        return that("replies go to " + address, t -> t.replyAddress().equals(Optional.of(address)));
    }

    static RecordCheck attachments(int count) {
        return that(
                "has " + count + " attachment(s)", t -> t.record().attachments().size() == count);
    }

    /** Every attachment has the scrub outcome, and one of its findings mentions {@code finding}. */
    static RecordCheck attachmentNotCleaned(String finding) {
        return that("the attachment was not cleaned because of \"" + finding + "\"", t -> {
            List<RecordDocument.Attachment> all = t.record().attachments();
            return !all.isEmpty()
                    && all.stream()
                            .allMatch(a -> a.cleaned() == null
                                    && a.removed() != null
                                    && a.removed().stream().anyMatch(f -> f.contains(finding)));
        });
    }
}
