// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.time.Duration;

/**
 * Automatic acknowledgements ({@code [acknowledgement]}): whether e-mail sources get one for a new
 * conversation, whether follow-ups get one too, the least time between two for one conversation,
 * the text, in which {@code {handle}} stands for the source's reference, and the most
 * acknowledgements in any hour across all conversations.
 */
public record AcknowledgementConfig(
        boolean email, boolean followUps, Duration minInterval, String text, int maxPerHour, boolean signal) {

    /** The placeholder the text must contain. */
    public static final String HANDLE_PLACEHOLDER = "{handle}";

    /** The text for one conversation. */
    public String textFor(String handle) {
        return text.replace(HANDLE_PLACEHOLDER, handle);
    }
}
