// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tipbridge.signal.SignalEnvelope.Attachment;
import org.tipbridge.signal.SignalEnvelope.DataMessage;
import org.tipbridge.signal.SignalEnvelope.Kind;
import org.tipbridge.signal.SignalEnvelope.Part;

/** What the parser makes of each signal-cli 0.14 shape, and what it refuses. */
class EnvelopeParserTest {
    private static final String AMINA = "566ff4e9-f061-49ad-bc27-b1dea43b8bbb";
    private static final String FOREST_WATCH = "aca8fd54-b40d-4e78-9706-2d3b19559801";
    private static final String JOSEPH = "85edcab9-52e7-4ded-abcd-badfe27aa0cd";

    private final EnvelopeParser parser = new EnvelopeParser(SignalLimits.DEFAULT);

    @Test
    void parsesTextMessageFromAci() throws Exception {
        SignalEnvelope envelope = parse("text.json");

        assertThat(envelope.account()).contains("+254712345678");
        assertThat(envelope.sourceUuid()).contains(AMINA);
        assertThat(envelope.sourceNumber()).contains("+4915112345678");
        assertThat(envelope.sourceName()).contains("Ranger Amina");
        assertThat(envelope.sourceDevice()).isEqualTo(OptionalInt.of(1));
        assertThat(envelope.timestamp()).isEqualTo(OptionalLong.of(1767268800000L));
        assertThat(envelope.kinds()).isEmpty();
        assertThat(envelope.failure()).isEmpty();
        assertThat(envelope.isDirectDataMessage()).isTrue();
        DataMessage data = envelope.dataMessage().orElseThrow();
        assertThat(data.message())
                .contains("Two trucks loading logs at the old sawmill by the Kakamega forest gate, tonight.");
        assertThat(data.timestamp()).isEqualTo(OptionalLong.of(1767268800000L));
        assertThat(data.expiresInSeconds()).isEqualTo(OptionalInt.of(0));
        assertThat(data.viewOnce()).isFalse();
        assertThat(data.attachments()).isEmpty();
        assertThat(data.group()).isEmpty();
        assertThat(data.ignoredParts()).isEmpty();
    }

    @Test
    void hiddenNumberStillHasAci() throws Exception {
        SignalEnvelope envelope = parse("number-hidden.json");

        assertThat(envelope.sourceNumber()).isEmpty();
        assertThat(envelope.sourceUuid()).contains(FOREST_WATCH);
        assertThat(envelope.sourceName()).contains("Forest Watch");
        assertThat(envelope.isDirectDataMessage()).isTrue();
    }

    @Test
    void attachmentsAreListedWithIds() throws Exception {
        DataMessage data = parse("attachment-photo-exif.json").dataMessage().orElseThrow();

        assertThat(data.message()).isEmpty();
        assertThat(data.attachments())
                .containsExactly(new Attachment(
                        "7FvT-bOPk7ClzOaPWK4k.jpg",
                        Optional.of("image/jpeg"),
                        Optional.of("IMG_20260101_120000.jpg"),
                        OptionalLong.of(2483917)));
    }

    @Test
    void attachmentWithoutUsableIdIsDropped() throws Exception {
        DataMessage data = parser.parse(json("{'envelope':{'dataMessage':{'attachments':["
                        + "{'contentType':'image/jpeg'},{'id':42},{'id':null},{'id':''},{'id':'../../.ssh/id_ed25519'},"
                        + "{'id':'a/b.jpg'},{'id':'a\\\\b.jpg'},{'id':'.hidden'},{'id':'..'},'x',null,7,[],"
                        + "{'id':'kept_1-A.jpg','size':-5,'filename':'','contentType':3}]}}}"))
                .dataMessage()
                .orElseThrow();

        assertThat(data.attachments())
                .containsExactly(
                        new Attachment("kept_1-A.jpg", Optional.empty(), Optional.empty(), OptionalLong.empty()));
    }

    @Test
    void groupMessageIsNotDirect() throws Exception {
        SignalEnvelope envelope = parse("group-message.json");

        assertThat(envelope.isDirectDataMessage()).isFalse();
        SignalEnvelope.Group group =
                envelope.dataMessage().orElseThrow().group().orElseThrow();
        assertThat(group.groupId()).isEqualTo("6z/jI2um2JlZsta6KW7VqmDkG91e2vli1jSS43BqNwQ=");
        assertThat(group.type()).contains("DELIVER");
    }

    @Test
    void groupIdThatIsNotShortBase64IsDroppedButTheMessageStaysAGroupMessage() throws Exception {
        String tooLong = "A".repeat(92);
        for (String bad : new String[] {"not base64!", "../../etc", "Zm9v\\n", "A", tooLong}) {
            SignalEnvelope envelope =
                    parser.parse(json("{'envelope':{'dataMessage':{'groupInfo':{'groupId':'" + bad + "'}}}}"));
            assertThat(envelope.dataMessage().orElseThrow().group())
                    .as(bad)
                    .contains(new SignalEnvelope.Group("", Optional.empty()));
        }
    }

    @Test
    void groupInfoObjectMakesAGroupMessageEvenWithoutUsableId() throws Exception {
        SignalEnvelope onlyId = parser.parse(json("{'envelope':{'dataMessage':{'groupInfo':{'groupId':'AbC='}}}}"));
        SignalEnvelope noId = parser.parse(json("{'envelope':{'dataMessage':{'groupInfo':{'groupId':5}}}}"));

        assertThat(onlyId.dataMessage().orElseThrow().group())
                .contains(new SignalEnvelope.Group("AbC=", Optional.empty()));
        assertThat(noId.dataMessage().orElseThrow().group()).contains(new SignalEnvelope.Group("", Optional.empty()));
        assertThat(onlyId.isDirectDataMessage()).isFalse();
        assertThat(noId.isDirectDataMessage()).isFalse();
    }

    @Test
    void exceptionKeepsOnlyType() throws Exception {
        SignalEnvelope envelope = parse("exception-envelope.json");

        assertThat(envelope.failure())
                .contains(new SignalEnvelope.Failure(Optional.of("ProtocolInvalidMessageException")));
        assertThat(envelope.isDirectDataMessage()).isFalse();
        assertThat(envelope.sourceUuid()).contains(AMINA);
    }

    @Test
    void exceptionInsideEnvelopeIsAFailureToo() throws Exception {
        SignalEnvelope inside = parser.parse(json("{'envelope':{'exception':{'message':'from +4915112345678',"
                + "'type':'UntrustedIdentityException'},'dataMessage':{'message':'hi'}}}"));
        SignalEnvelope oddType = parser.parse(json("{'envelope':{},'exception':{'type':'+4915112345678 said no'}}"));
        SignalEnvelope both =
                parser.parse(json("{'exception':{},'envelope':{'exception':{'type':'InvalidKeyException'}}}"));

        assertThat(inside.failure()).contains(new SignalEnvelope.Failure(Optional.of("UntrustedIdentityException")));
        assertThat(inside.isDirectDataMessage()).isFalse();
        assertThat(oddType.failure()).contains(new SignalEnvelope.Failure(Optional.empty()));
        assertThat(both.failure()).contains(new SignalEnvelope.Failure(Optional.of("InvalidKeyException")));
    }

    @Test
    void receiptsTypingSyncCallStoryEditAreKindsNotData() throws Exception {
        assertKindWithoutData("receipt.json", Kind.RECEIPT);
        assertKindWithoutData("typing.json", Kind.TYPING);
        assertKindWithoutData("sync-sent.json", Kind.SYNC);
        assertKindWithoutData("call.json", Kind.CALL);
        assertKindWithoutData("story.json", Kind.STORY);
        assertKindWithoutData("edit.json", Kind.EDIT);
    }

    private void assertKindWithoutData(String fixture, Kind kind) throws Exception {
        SignalEnvelope envelope = parse(fixture);
        assertThat(envelope.kinds()).as(fixture).containsExactly(kind);
        assertThat(envelope.dataMessage()).as(fixture).isEmpty();
        assertThat(envelope.isDirectDataMessage()).as(fixture).isFalse();
    }

    @Test
    void quoteMentionsPreviewsStickerReactionContactsRemoteDeleteAreFlagged() throws Exception {
        assertThat(parts("quote.json")).containsExactly(Part.QUOTE);
        assertThat(parts("mentions-previews.json")).containsExactlyInAnyOrder(Part.MENTIONS, Part.PREVIEWS);
        assertThat(parts("sticker.json")).containsExactly(Part.STICKER);
        assertThat(parts("reaction.json")).containsExactly(Part.REACTION);
        assertThat(parts("shared-contact.json")).containsExactly(Part.CONTACTS);
        assertThat(parts("remote-delete.json")).containsExactly(Part.REMOTE_DELETE);
        assertThat(parse("quote.json").dataMessage().orElseThrow().message())
                .contains("Yes, the same lorry as last week, plate starts with KDA.");
    }

    @Test
    void emptyMentionsPreviewsAndContactsAreNotFlagged() throws Exception {
        SignalEnvelope envelope =
                parser.parse(json("{'envelope':{'dataMessage':{'mentions':[],'previews':[],'contacts':[]}}}"));

        assertThat(envelope.dataMessage().orElseThrow().ignoredParts()).isEmpty();
    }

    @Test
    void viewOnceAndExpiryAreRead() throws Exception {
        DataMessage viewOnce = parse("view-once.json").dataMessage().orElseThrow();
        DataMessage expiring = parse("expiring.json").dataMessage().orElseThrow();

        assertThat(viewOnce.viewOnce()).isTrue();
        assertThat(viewOnce.attachments()).extracting(Attachment::id).containsExactly("Qm3xL0pVt8sKd2NfR6wY.jpg");
        assertThat(viewOnce.attachments().get(0).filename()).isEmpty();
        assertThat(expiring.expiresInSeconds()).isEqualTo(OptionalInt.of(604800));
        assertThat(expiring.viewOnce()).isFalse();
    }

    @Test
    void absentArraysAndNullsAreTolerated() throws Exception {
        SignalEnvelope minimal = parse("absent-arrays.json");
        SignalEnvelope nulls = parse("nulls.json");

        assertThat(minimal.isDirectDataMessage()).isTrue();
        assertThat(minimal.sourceNumber()).isEmpty();
        assertThat(minimal.sourceDevice()).isEmpty();
        assertThat(minimal.dataMessage().orElseThrow().attachments()).isEmpty();
        assertThat(minimal.dataMessage().orElseThrow().expiresInSeconds()).isEmpty();
        assertThat(nulls)
                .isEqualTo(new SignalEnvelope(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        OptionalInt.empty(),
                        OptionalLong.empty(),
                        Optional.of(emptyDataMessage()),
                        Set.of(),
                        Optional.empty()));
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        SignalEnvelope envelope = parse("text-unknown-fields.json");

        assertThat(envelope.isDirectDataMessage()).isTrue();
        assertThat(envelope.kinds()).isEmpty();
        assertThat(envelope.sourceUuid()).contains(AMINA);
        assertThat(envelope.sourceDevice()).isEqualTo(OptionalInt.of(2));
        assertThat(envelope.dataMessage().orElseThrow().message())
                .contains("Charcoal kilns smoking behind the ridge above the river camp.");
        assertThat(envelope.dataMessage().orElseThrow().ignoredParts()).isEmpty();
    }

    @Test
    void wrongTypesAreTreatedAsAbsent() throws Exception {
        SignalEnvelope envelope = parse("wrong-types.json");

        assertThat(envelope)
                .isEqualTo(new SignalEnvelope(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        OptionalInt.empty(),
                        OptionalLong.empty(),
                        Optional.of(emptyDataMessage()),
                        Set.of(),
                        Optional.empty()));
        assertThat(parser.parse(json("{'envelope':{'dataMessage':'hello'}}")).dataMessage())
                .isEmpty();
    }

    @Test
    void numbersOutOfRangeOrNegativeAreAbsent() throws Exception {
        SignalEnvelope envelope = parser.parse(json("{'envelope':{'sourceDevice':2147483648,"
                + "'timestamp':99999999999999999999,'dataMessage':{'timestamp':-1,'expiresInSeconds':-604800}}}"));

        assertThat(envelope.sourceDevice()).isEmpty();
        assertThat(envelope.timestamp()).isEmpty();
        assertThat(envelope.dataMessage().orElseThrow().timestamp()).isEmpty();
        assertThat(envelope.dataMessage().orElseThrow().expiresInSeconds()).isEmpty();
    }

    @Test
    void identifiersOfTheWrongShapeAreAbsentAndAcisAreLowerCase() throws Exception {
        SignalEnvelope odd = parser.parse(json("{'account':' ','envelope':{'sourceUuid':'not-an-aci',"
                + "'sourceNumber':'0151 1234 5678','sourceName':'  '}}"));
        SignalEnvelope upper = parser.parse(json("{'envelope':{'sourceUuid':'" + JOSEPH.toUpperCase() + "'}}"));

        assertThat(odd.account()).isEmpty();
        assertThat(odd.sourceUuid()).isEmpty();
        assertThat(odd.sourceNumber()).isEmpty();
        assertThat(odd.sourceName()).isEmpty();
        assertThat(upper.sourceUuid()).contains(JOSEPH);
    }

    @Test
    void missingEnvelopeIsProtocolError() {
        assertRefused(json("{}"), "envelope missing");
        assertRefused(json("{'account':'+254712345678'}"), "envelope missing");
        assertRefused(json("{'envelope':null,'account':'+254712345678'}"), "envelope missing");
        assertRefused(json("{'exception':{'type':'ProtocolInvalidMessageException'}}"), "envelope missing");
        assertRefused(json("{'params':{'result':{'envelope':{}}}}"), "envelope missing");
    }

    @Test
    void nonObjectEnvelopeIsProtocolError() {
        assertRefused(json("{'envelope':'+4915112345678'}"), "envelope not an object");
        assertRefused(json("{'envelope':[{}]}"), "envelope not an object");
        assertRefused(json("{'envelope':7}"), "envelope not an object");
    }

    @Test
    void notJsonIsProtocolError() {
        assertRefused(new byte[0], "empty input");
        assertRefused(null, "empty input");
        assertRefused(json("   "), "result not an object");
        assertRefused(json("[{'envelope':{}}]"), "result not an object");
        assertRefused(json("'+4915112345678'"), "result not an object");
        assertRefused(json("{'envelope':{'sourceNumber':'+4915112345678'"), "not JSON");
        assertRefused(json("{envelope:{}}"), "not JSON");
        assertRefused(json("{'envelope':{},}"), "not JSON");
        assertRefused(json("{'envelope':{}} +4915112345678"), "not JSON");
        assertRefused(json("{'envelope':{}}{'envelope':{}}"), "trailing data after result");
        assertRefused(new byte[] {'{', '"', (byte) 0xc3, (byte) 0x28, '"', ':', '1', '}'}, "not UTF-8");
        assertRefused("{\"envelope\":{}}".getBytes(StandardCharsets.UTF_16LE), "not UTF-8");
        assertRefused("{\"envelope\":{}}".getBytes(StandardCharsets.UTF_16), "not UTF-8");
        assertRefused(json("{'envelope':{'sourceName':'\0'}}"), "not UTF-8");
    }

    @Test
    void duplicateFieldIsProtocolError() {
        assertRefused(json("{'envelope':{},'envelope':{'sourceUuid':'" + AMINA + "'}}"), "duplicate field");
        assertRefused(json("{'envelope':{'dataMessage':{'message':'a','message':'b'}}}"), "duplicate field");
    }

    private static DataMessage emptyDataMessage() {
        return new DataMessage(
                Optional.empty(),
                OptionalLong.empty(),
                OptionalInt.empty(),
                false,
                List.of(),
                Optional.empty(),
                Set.of());
    }

    private SignalEnvelope parse(String fixture) throws SignalCliException.Protocol {
        return parser.parse(SignalFixtures.load(fixture));
    }

    private Set<Part> parts(String fixture) throws SignalCliException.Protocol {
        return parse(fixture).dataMessage().orElseThrow().ignoredParts();
    }

    private void assertRefused(byte[] input, String reason) {
        assertThatThrownBy(() -> parser.parse(input))
                .isInstanceOf(SignalCliException.Protocol.class)
                .hasMessage(reason)
                .hasNoCause();
    }

    /** JSON written with single quotes for readability. */
    static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }
}
