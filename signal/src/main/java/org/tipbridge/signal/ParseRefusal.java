// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/** Turns a Jackson failure into a refusal that names the broken rule, never the input it quoted. */
final class ParseRefusal {
    private ParseRefusal() {}

    static SignalCliException.Protocol of(Exception jacksonFailure) {
        return new SignalCliException.Protocol(reason(jacksonFailure));
    }

    private static String reason(Exception e) {
        String jackson = String.valueOf(e.getMessage()); // read to classify, never passed on
        if (!(e instanceof StreamConstraintsException)) {
            return jackson.startsWith("Duplicate field") ? "duplicate field" : "not JSON";
        }
        if (jackson.startsWith("Document nesting depth")) {
            return "nesting too deep";
        }
        if (jackson.startsWith("String value length")) {
            return "string too long";
        }
        if (jackson.startsWith("Number value length")) {
            return "number too long";
        }
        if (jackson.startsWith("Name length")) {
            return "field name too long";
        }
        return "limit exceeded";
    }
}
