// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Maps a Jakarta Mail failure to a {@link SendResult} with a fixed reason code. Only a 5xx answer to
 * the recipient or to the message is permanent; the server's text (which often quotes the address)
 * is never used.
 */
final class SmtpFailures {
    static final String UNREACHABLE = "smtp-unreachable";
    static final String AUTH_FAILED = "smtp-auth-failed";
    static final String ERROR = "smtp-error";
    private static final int MAX_CHAIN = 16;

    private SmtpFailures() {}

    /**
     * While connecting (greeting, EHLO, STARTTLS, AUTH): always temporary, since nothing about the
     * mail was judged yet.
     */
    static SendResult ofConnect(MessagingException e, int lastReturnCode) {
        if (e instanceof AuthenticationFailedException) {
            return new SendResult.Temporary(AUTH_FAILED);
        }
        if (find(e, IOException.class) == null && isReply(lastReturnCode)) {
            return new SendResult.Temporary(code(lastReturnCode));
        }
        return new SendResult.Temporary(UNREACHABLE);
    }

    /** While sending (MAIL FROM, RCPT TO, DATA). */
    static SendResult ofSend(MessagingException e, int lastReturnCode) {
        SMTPSenderFailedException sender = find(e, SMTPSenderFailedException.class);
        if (sender != null) {
            return new SendResult.Temporary(replyCode(sender.getReturnCode()));
        }
        SMTPAddressFailedException recipient = find(e, SMTPAddressFailedException.class);
        if (recipient != null) {
            return byCode(recipient.getReturnCode());
        }
        SMTPSendFailedException message = find(e, SMTPSendFailedException.class);
        if (message != null) {
            return byCode(message.getReturnCode());
        }
        if (find(e, IOException.class) != null) {
            return new SendResult.Temporary(UNREACHABLE);
        }
        return new SendResult.Temporary(replyCode(lastReturnCode));
    }

    private static SendResult byCode(int code) {
        if (code >= 500 && code <= 599) {
            return new SendResult.Permanent(code(code));
        }
        return new SendResult.Temporary(replyCode(code));
    }

    private static String replyCode(int code) {
        return isReply(code) ? code(code) : ERROR;
    }

    private static boolean isReply(int code) {
        return code >= 400 && code <= 599;
    }

    private static String code(int code) {
        return "smtp-" + code;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_CHAIN; depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            t = t.getCause();
        }
        return null;
    }
}
