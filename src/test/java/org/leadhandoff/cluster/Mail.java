package org.leadhandoff.cluster;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.leadhandoff.support.TestMail;

/**
 * A mail GreenMail received: its subject and Message-ID. A step that ran again after a crash may
 * hand the SMTP server the same message twice; a person's mail system shows one message per
 * Message-ID, so that is what counts as "a mail".
 */
record Mail(String subject, String messageId) {

    static List<Mail> to(String address) {
        return Arrays.stream(TestMail.server().getReceivedMessages()).filter(m -> addressedTo(m, address))
                .map(m -> {
                    try {
                        return new Mail(m.getSubject(), m.getMessageID());
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    /** Distinct messages whose subject starts with {@code prefix}. */
    static long messages(List<Mail> mails, String prefix) {
        return mails.stream().filter(m -> m.subject().startsWith(prefix)).map(Mail::messageId).distinct().count();
    }

    /** Deliveries beyond the first of the same message, among mails whose subject mentions {@code text}. */
    static int copies(List<Mail> mails, String text) {
        List<Mail> about = mails.stream().filter(m -> m.subject().contains(text)).toList();
        return (int) (about.size() - about.stream().map(Mail::messageId).distinct().count());
    }

    private static boolean addressedTo(MimeMessage m, String address) {
        try {
            return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
