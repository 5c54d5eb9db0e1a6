// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.log;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces identifiers in log text with {@value #MARK}: message ids, e-mail addresses, UUIDs, IPv6
 * and IPv4 addresses, phone numbers and host names. Ordinary log text (numbers, job names, Java
 * class and package names, file names) is left alone.
 *
 * <p>Phone numbers: {@code +} followed by 7-15 digits, optionally grouped by spaces, dots, hyphens
 * or parentheses ({@code +49 30 1234567}, {@code +1 (555) 123-4567}), the North American forms
 * {@code (555) 123-4567} and {@code 555-123-4567}, and national forms with a trunk 0 such as
 * {@code 0151 2345 6789} or {@code 030/1234567}. Bare digit runs without {@code +} are kept: they
 * are far more often counts and ids.
 *
 * <p>Host names: a dotted name is redacted when its last label is {@code onion} or {@code i2p}, or
 * when its last label is a known top-level domain written in one case ({@link TopLevelDomains}) and
 * its first label is not a Java package root such as {@code org}, {@code com} or {@code java}
 * (reverse-domain names are code, not hosts). So {@code mail.example.org} and {@code x.onion} go,
 * while {@code org.tipbridge.bridge.pipeline.Seal} (last label capitalised), {@code
 * org.tipbridge.bridge.store} (starts with a package root) and {@code tipbridge.toml} (not a
 * top-level domain) stay. A file name ending in a country code, such as {@code run.sh}, is
 * redacted: a false alarm is cheaper than a leak.
 */
public final class Redactor {

    /** What every identifier is replaced with. */
    public static final String MARK = "[redacted]";

    /** A run of name characters and dots that starts and ends with a name character. */
    private static final String DOTTED = "[\\p{L}\\p{N}_\\-](?:[\\p{L}\\p{N}_\\-.]*[\\p{L}\\p{N}_\\-])?";

    private static final String IPV4_OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

    /**
     * Applied in order. Repetitions of groups are bounded (Java's regex engine recurses per group
     * iteration, so an unbounded one overflows the stack on hostile input); runs of a single
     * character class are not, as those are matched iteratively.
     */
    private static final List<Rule> RULES = List.of(
            Rule.always("<[^<>\\s@]{1,256}@[^<>\\s]{1,256}>"),
            Rule.always("(?<![\\p{L}\\p{N}._%+\\-])[\\p{L}\\p{N}._%+\\-]+@" + DOTTED),
            Rule.always("(?<![0-9A-Fa-f-])[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f-])"),
            Rule.when(
                    "(?<![\\w:.%])(?:[0-9A-Fa-f]{0,4}:){2,8}(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]{1,4})?"
                            + "(?:%[\\w.]{1,32})?(?![\\w:]|\\.\\w)",
                    Ipv6::isAddress),
            Rule.always("(?<![\\w.])(?:" + IPV4_OCTET + "\\.){3}" + IPV4_OCTET + "(?!\\w|\\.\\d)"),
            Rule.when(
                    "(?<![\\w+])\\+\\d{1,3}(?:[ .\\-]?(?:\\(\\d{1,4}\\)|\\d{1,4}))?"
                            + "(?:[ .\\-]?(?:\\(\\d{2,}+\\)|\\d{2,}+)){0,8}+(?!\\d)",
                    Redactor::hasPhoneDigits),
            Rule.always("(?<![\\w+\\-.])(?:\\(\\d{3}\\) ?|\\d{3}[ .\\-])\\d{3}[ .\\-]\\d{4}(?![\\w\\-]|\\.\\d)"),
            Rule.when(
                    "(?<![\\w+\\-./])0\\d{2,4}[ /\\-]\\d{3,8}(?:[ \\-]\\d{2,6})?(?![\\w\\-]|\\.\\d)",
                    Redactor::hasPhoneDigits),
            Rule.when(
                    "(?<![\\p{L}\\p{N}_.@\\-])" + DOTTED + "(?![\\p{L}\\p{N}_\\-]|\\.[\\p{L}\\p{N}_\\-])",
                    TopLevelDomains::isHostName));

    private Redactor() {}

    /** Returns {@code text} with every identifier replaced by {@value #MARK}. */
    public static String redact(String text) {
        String result = text;
        for (Rule rule : RULES) {
            result = rule.apply(result);
        }
        return result;
    }

    private static boolean hasPhoneDigits(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        return digits >= 7 && digits <= 15;
    }

    /** A pattern and a test on what it matched; matches that fail the test are kept. */
    private record Rule(Pattern pattern, Predicate<String> sensitive) {

        static Rule always(String regex) {
            return new Rule(Pattern.compile(regex), match -> true);
        }

        static Rule when(String regex, Predicate<String> sensitive) {
            return new Rule(Pattern.compile(regex), sensitive);
        }

        String apply(String text) {
            Matcher m = pattern.matcher(text);
            return m.replaceAll(r -> Matcher.quoteReplacement(sensitive.test(r.group()) ? MARK : r.group()));
        }
    }
}
