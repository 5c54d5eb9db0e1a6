// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Encodes a stripped tip as the JSON sealed inside a record, and decodes it again in the CLI. */
public final class RecordCodec {
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public byte[] encode(Tip tip) {
        RecordDocument doc = new RecordDocument(
                RecordDocument.VERSION,
                tip.handle(),
                tip.channel().wireName(),
                tip.received().toString(),
                tip.subject(),
                tip.body(),
                tip.encrypted(),
                tip.signature().name().toLowerCase(Locale.ROOT),
                tip.language().orElse(null),
                tip.warnings(),
                tip.attachments().stream().map(RecordCodec::attachment).toList());
        try {
            return json.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("record could not be encoded", e);
        }
    }

    /** The record document's entry for one sealed attachment. */
    public static RecordDocument.Attachment attachment(SealedAttachment a) {
        if (a.scrubbed().isEmpty()) {
            return new RecordDocument.Attachment(
                    a.name(), a.contentType(), a.size(), a.blob().id());
        }
        Scrubbed s = a.scrubbed().get();
        return new RecordDocument.Attachment(
                a.name(),
                a.contentType(),
                a.size(),
                a.blob().id(),
                s.cleaned().map(b -> b.id()).orElse(null),
                s.cleaned().isPresent() ? s.cleanedSize() : null,
                s.format(),
                s.outcome(),
                s.findings(),
                s.findingValues().id());
    }

    public RecordDocument decode(InputStream in) throws IOException {
        return json.readValue(in, RecordDocument.class);
    }
}
