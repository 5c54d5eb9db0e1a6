// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.log;

import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a dotted name is a host name rather than code or a file name: the rule
 * described on {@link Redactor}. The list holds country codes, the common generic domains and
 * the special-use names (onion, test, localhost, ...); generic domains that are also common
 * words in property and package names (host, name, store, mail, ...) are left out on purpose.
 */
final class TopLevelDomains {

    private static final Set<String> ALWAYS = Set.of("onion", "i2p");

    private static final Set<String> GENERIC = Set.of(
            "com",
            "net",
            "org",
            "edu",
            "gov",
            "mil",
            "int",
            "info",
            "biz",
            "mobi",
            "pro",
            "aero",
            "coop",
            "museum",
            "travel",
            "jobs",
            "asia",
            "cat",
            "tel",
            "app",
            "dev",
            "xyz",
            "online",
            "site",
            "top",
            "club",
            "shop",
            "tech",
            "cloud",
            "email",
            "blog",
            "news",
            "arpa",
            "example",
            "test",
            "invalid",
            "localhost",
            "local",
            "internal",
            "lan");

    private static final Set<String> COUNTRY = Set.of(("ac ad ae af ag ai al am ao aq ar as at au aw ax az"
                    + " ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn"
                    + " co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd"
                    + " ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq"
                    + " ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly"
                    + " ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl"
                    + " no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc"
                    + " sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to"
                    + " tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw")
            .split(" "));

    /** First labels of reverse-domain names, which are Java packages, not hosts. */
    private static final Set<String> PACKAGE_ROOTS =
            Set.of("java", "javax", "jakarta", "jdk", "sun", "org", "com", "net", "io", "ch", "edu");

    private TopLevelDomains() {}

    static boolean isHostName(String dotted) {
        if (dotted.indexOf('.') < 0) {
            return false;
        }
        String[] labels = dotted.split("\\.");
        String last = labels[labels.length - 1];
        String lowerLast = last.toLowerCase(Locale.ROOT);
        if (ALWAYS.contains(lowerLast)) {
            return true;
        }
        boolean oneCase = last.equals(lowerLast) || last.equals(last.toUpperCase(Locale.ROOT));
        boolean knownDomain = GENERIC.contains(lowerLast) || COUNTRY.contains(lowerLast);
        return oneCase && knownDomain && !PACKAGE_ROOTS.contains(labels[0]);
    }
}
