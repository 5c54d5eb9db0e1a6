// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/** Encodes a {@link ReplyDocument} as the JSON that is sealed, and decodes it after opening. */
public final class ReplyCodec {
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public byte[] encode(ReplyDocument doc) {
        try {
            return json.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reply could not be encoded", e);
        }
    }

    /** Decodes an opened reply; an unknown version or a missing field is an {@link IOException}. */
    public ReplyDocument decode(InputStream in) throws IOException {
        ReplyDocument doc;
        try {
            doc = json.readValue(in, ReplyDocument.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IOException("not a reply document");
        }
        if (doc.version() != ReplyDocument.VERSION) {
            throw new IOException("unknown reply document version");
        }
        return doc;
    }
}
