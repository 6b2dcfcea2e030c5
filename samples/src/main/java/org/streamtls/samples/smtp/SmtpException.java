package org.streamtls.samples.smtp;

import java.io.IOException;

/** The SMTP server refused a step of the dialogue; {@link #reply()} is what it said. */
public class SmtpException extends IOException {

    private final transient SmtpReply reply;

    public SmtpException(String message, SmtpReply reply) {
        super(message);
        this.reply = reply;
    }

    /** The server's reply. */
    public SmtpReply reply() {
        return reply;
    }
}
