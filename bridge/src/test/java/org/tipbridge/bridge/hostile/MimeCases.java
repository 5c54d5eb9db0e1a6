// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import static org.tipbridge.bridge.hostile.GeneratedCase.mail;
import static org.tipbridge.bridge.hostile.RecordCheck.attachments;
import static org.tipbridge.bridge.hostile.RecordCheck.bodyContains;
import static org.tipbridge.bridge.hostile.RecordCheck.bodyLacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.tipbridge.conf.LimitsConfig;

/** MIME structure: part floods and deep nesting around the limits, broken and reused boundaries, empty and garbage messages. */
final class MimeCases {
    private MimeCases() {}

    static List<HostileCase> all(LimitsConfig limits) {
        int parts = limits.maxParts();
        int depth = limits.maxDepth();
        List<HostileCase> out = new ArrayList<>();
        out.add(flood("mime-parts-at-limit-" + parts, parts, Expected.tip()));
        out.add(flood("mime-parts-just-over-" + (parts + 1), parts + 1, Expected.quarantine("too-many-parts")));
        out.add(flood("mime-parts-flood-10000", 10_000, Expected.quarantine("too-many-parts")));
        out.add(mail(
                "mime-parts-flood-1000000-empty",
                Expected.quarantine("too-many-parts"),
                () -> Mails.message(
                        "mime-parts-flood-1000000-empty",
                        "empty parts",
                        "Content-Type: multipart/mixed; boundary=e\n\n" + "--e\n\n".repeat(1_000_000) + "--e--\n")));
        out.add(nested("mime-depth-at-limit-" + depth, depth, true, Expected.tip()));
        out.add(nested("mime-depth-just-over-" + (depth + 1), depth + 1, true, Expected.quarantine("too-deep")));
        out.add(nested("mime-depth-far-over-10000", 10_000, true, Expected.quarantine("too-deep")));
        out.add(nested("mime-depth-unclosed-100000", 100_000, false, Expected.quarantine("too-deep")));
        out.add(mail(
                "mime-boundary-close-missing",
                Expected.tip(),
                () -> Mails.message(
                        "mime-boundary-close-missing",
                        "no end",
                        "Content-Type: multipart/mixed; boundary=open\n\n--open\n"
                                + Mails.text("the part that never ends")),
                bodyContains("the part that never ends")));
        out.add(mail(
                "mime-boundary-never-used",
                Expected.quarantine("malformed-mime"),
                () -> Mails.message(
                        "mime-boundary-never-used",
                        "nothing between boundaries",
                        "Content-Type: multipart/mixed; boundary=unused\n\nsome text but no delimiter line at all\n")));
        out.add(mail(
                "mime-boundary-parameter-missing-kept-as-file",
                Expected.tip(),
                () -> Mails.message(
                        "mime-boundary-parameter-missing-kept-as-file",
                        "no boundary",
                        "Content-Type: multipart/mixed\n\n--x\n" + Mails.text("hidden") + "--x--\n"),
                attachments(1)));
        out.add(mail(
                "mime-boundary-empty-string",
                Expected.tip(),
                () -> Mails.message(
                        "mime-boundary-empty-string",
                        "empty boundary",
                        "Content-Type: multipart/mixed; boundary=\"\"\n\n--\n" + Mails.text("hidden") + "----\n"),
                bodyContains("hidden")));
        out.add(mail(
                "mime-boundary-reused-by-nested-part",
                Expected.quarantine("malformed-mime"),
                () -> Mails.message(
                        "mime-boundary-reused-by-nested-part",
                        "same boundary twice",
                        "Content-Type: multipart/mixed; boundary=same\n\n--same\n"
                                + "Content-Type: multipart/mixed; boundary=same\n\n--same\n"
                                + Mails.text("inner text") + "--same--\n" + Mails.text("outer text") + "--same--\n")));
        out.add(mail(
                "mime-boundary-overlong-5000",
                Expected.tip(),
                () -> Mails.message(
                        "mime-boundary-overlong-5000",
                        "long boundary",
                        Mails.multipart("mixed", "b".repeat(5000), List.of(Mails.text("long boundary text")))),
                bodyContains("long boundary text")));
        out.add(mail(
                "mime-boundary-prefix-in-content",
                Expected.tip(),
                () -> Mails.message(
                        "mime-boundary-prefix-in-content",
                        "boundary look-alikes",
                        Mails.multipart("mixed", "ab", List.of(Mails.text("--a\n--abc\n-- ab\nkept text"))))));
        out.add(mail(
                "mime-preamble-10mib",
                Expected.tip(),
                () -> Mails.message(
                        "mime-preamble-10mib",
                        "huge preamble",
                        "Content-Type: multipart/mixed; boundary=p\n\n" + "preamble line\n".repeat(800_000) + "--p\n"
                                + Mails.text("after the preamble") + "--p--\n"),
                bodyContains("after the preamble")));
        out.add(mail(
                "mime-epilogue-10mib-with-fake-parts",
                Expected.tip(),
                () -> Mails.message(
                        "mime-epilogue-10mib-with-fake-parts",
                        "huge epilogue",
                        Mails.multipart("mixed", "q", List.of(Mails.text("real part")))
                                + ("--q\n" + Mails.text("epilogue part")).repeat(100_000)),
                bodyContains("real part"),
                bodyLacks("epilogue part")));
        out.add(mail(
                "mime-rfc822-nested-500-deep",
                Expected.tip(),
                () -> Mails.message("mime-rfc822-nested-500-deep", "forwarded many times", rfc822Chain(500)),
                attachments(1)));
        out.add(mail(
                "mime-headers-only-no-body",
                Expected.tip(),
                () -> Mails.crlf(Mails.headers("mime-headers-only-no-body") + "Subject: only headers\n")));
        out.add(mail("mime-empty-message", Expected.quarantine("no-sender"), () -> new byte[0]));
        out.add(mail("mime-only-blank-lines", Expected.quarantine("no-sender"), () -> Mails.crlf("\n".repeat(10_000))));
        out.add(mail("mime-random-bytes-64kib", Expected.quarantine("no-sender"), MimeCases::randomBytes));
        out.add(mail(
                "mime-html-only-with-script",
                Expected.tip(),
                () -> Mails.message(
                        "mime-html-only-with-script",
                        "html",
                        Mails.entity(
                                "Content-Type: text/html; charset=utf-8\n",
                                "<html><script>alert('x')</script><style>p{}</style><p>visible tip</p></html>\n")),
                bodyContains("visible tip"),
                bodyLacks("alert(")));
        out.add(mail(
                "mime-parts-in-encryption-just-over",
                Expected.quarantine("too-many-parts"),
                () -> Mails.encrypted("mime-parts-in-encryption-just-over", "...", floodEntity(parts + 1))));
        out.add(mail(
                "mime-depth-in-encryption-just-over",
                Expected.quarantine("too-deep"),
                () -> Mails.encrypted("mime-depth-in-encryption-just-over", "...", nestedEntity(depth, true))));
        return out;
    }

    private static HostileCase flood(String name, int count, Expected expected) {
        return mail(name, expected, () -> Mails.message(name, "many parts", floodEntity(count)));
    }

    private static String floodEntity(int count) {
        return Mails.multipart(
                "mixed",
                "flood",
                IntStream.rangeClosed(1, count)
                        .mapToObj(i -> Mails.text("part " + i))
                        .toList());
    }

    private static HostileCase nested(String name, int levels, boolean closed, Expected expected) {
        return mail(name, expected, () -> Mails.message(name, "nested", nestedEntity(levels, closed)));
    }

    /** {@code levels} multiparts inside each other around one text part; unclosed: no closing delimiters. */
    private static String nestedEntity(int levels, boolean closed) {
        StringBuilder open = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            open.append("Content-Type: multipart/mixed; boundary=n")
                    .append(i)
                    .append("\n\n--n")
                    .append(i)
                    .append('\n');
        }
        StringBuilder all = new StringBuilder(open).append(Mails.text("the innermost text"));
        if (closed) {
            for (int i = levels - 1; i >= 0; i--) {
                all.append("--n").append(i).append("--\n");
            }
        }
        return all.toString();
    }

    private static String rfc822Chain(int levels) {
        String inner = "From: inner@elsewhere.example\nSubject: innermost\n\nthe innermost text\n";
        for (int i = 0; i < levels; i++) {
            inner = "From: hop" + i + "@elsewhere.example\nSubject: fwd\nContent-Type: message/rfc822\n\n" + inner;
        }
        return Mails.entity("Content-Type: message/rfc822\nContent-Disposition: attachment\n", inner);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[64 * 1024];
        new Random(64).nextBytes(bytes);
        return bytes;
    }
}
