package org.leadhandoff.notify;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Sends plain-text mail over SMTP. Without {@code spring.mail.host} mail is only logged, so the
 * application runs without a mail server. A failed send throws: the process step retries it. A mail
 * the server accepted is recorded in {@link Deliveries}, so a retry of a step that failed after
 * sending it does not send it again.
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
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.toArray(String[]::new));
        message.setSubject(subject);
        message.setText(body);
        smtp.send(message);
        deliveries.record(delivery);
    }
}
