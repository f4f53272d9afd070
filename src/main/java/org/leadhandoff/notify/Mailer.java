package org.leadhandoff.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Sends plain-text mail over SMTP. Without {@code spring.mail.host} mail is only logged, so the
 * application runs without a mail server. A failed send throws: the process step retries it. A mail
 * the server accepted is recorded in {@link Deliveries}, so a retry of a step that failed after
 * sending it does not send it again. Should the node die between the server's acceptance and that
 * record, the retried step sends it again, but as the same message: each mail's {@code Message-ID}
 * is the delivery's key, and mail systems that drop a Message-ID they already delivered show it once.
 */
@Component
class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final Deliveries deliveries;
    private final String host;
    private final String from;

    // the host as a plain property: Spring Boot makes no MailProperties bean when no host is set
    Mailer(ObjectProvider<JavaMailSender> sender, Deliveries deliveries, @Value("${spring.mail.host:}") String host,
            @Value("${handoff.mail.from}") String from) {
        this.sender = sender;
        this.deliveries = deliveries;
        this.host = host;
        this.from = from;
    }

    /** Sends the mail unless {@code delivery} says it went out already. */
    void send(Deliveries.Delivery delivery, List<String> to, String subject, String body) {
        if (to.isEmpty()) {
            log.warn("No address to send \"{}\" to", subject);
            return;
        }
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null || !StringUtils.hasText(host)) {
            log.info("Mail (no SMTP host configured) to {}: {}", to, subject);
            return;
        }
        if (deliveries.delivered(delivery)) {
            log.info("Mail \"{}\" to {} went out on an earlier try; not sending it again", subject, to);
            return;
        }
        MimeMessage message = smtp.createMimeMessage();
        try {
            MimeMessageHelper mail = new MimeMessageHelper(message, "UTF-8");
            mail.setFrom(from);
            mail.setTo(to.toArray(String[]::new));
            mail.setSubject(subject);
            mail.setText(body);
            // JavaMailSenderImpl keeps a Message-ID set beforehand instead of generating a fresh one
            message.setHeader("Message-ID", "<" + delivery.key() + "@" + domain() + ">");
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
        smtp.send(message);
        deliveries.record(delivery);
    }

    private String domain() {
        int at = from.lastIndexOf('@');
        return at < 0 ? "lead-handoff" : from.substring(at + 1);
    }
}
