// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

/**
 * Parses a notification's {@code result} JSON ({@code {envelope:{...}, account}}) into a
 * {@link SignalEnvelope}, within {@link SignalLimits}. Absent fields, nulls and unknown fields are
 * tolerated; a wrongly typed field is treated as absent; anything not JSON, too deep, too long, or
 * without an {@code envelope} object is {@link SignalCliException.Protocol}.
 */
public final class EnvelopeParser {
    private final SignalLimits limits;

    public EnvelopeParser(SignalLimits limits) {
        this.limits = limits;
    }

    public SignalEnvelope parse(byte[] resultJson) throws SignalCliException.Protocol {
        throw new SignalCliException.Protocol("not implemented yet: " + limits.maxDepth());
    }
}
