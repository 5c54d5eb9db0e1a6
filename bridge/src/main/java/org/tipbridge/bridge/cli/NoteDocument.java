// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * An analyst's note as it is sealed to the analysts (JSON inside an OpenPGP message). The record
 * id is inside too, so a sealed note moved to another record's row is refused when opened.
 */
record NoteDocument(int version, long recordId, String text) {
    static final int VERSION = 1;

    /** Longest note accepted, in UTF-8 bytes. */
    static final int MAX_TEXT_BYTES = 64 * 1024;

    /** Most bytes an opened note can have: JSON escaping makes a control character six bytes. */
    static final int MAX_SEALED_PLAINTEXT_BYTES = 6 * MAX_TEXT_BYTES + 1024;

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    NoteDocument {
        Objects.requireNonNull(text, "text");
    }

    static NoteDocument of(long recordId, String text) {
        return new NoteDocument(VERSION, recordId, text);
    }

    /** The JSON that is sealed; the caller zeroes it after use. */
    byte[] encode() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("note could not be encoded", e);
        }
    }

    /** Decodes an opened note; an unknown version or a missing field is an {@link IOException}. */
    static NoteDocument decode(byte[] plaintext) throws IOException {
        NoteDocument doc;
        try {
            doc = JSON.readValue(plaintext, NoteDocument.class);
        } catch (IOException | RuntimeException e) {
            throw new IOException("not a note document");
        }
        if (doc.version() != VERSION) {
            throw new IOException("unknown note document version");
        }
        return doc;
    }

    @Override
    public String toString() {
        return "NoteDocument[redacted]";
    }
}
