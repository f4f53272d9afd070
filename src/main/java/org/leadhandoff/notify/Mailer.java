package org.leadhandoff.notify;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Sends plain-text mail over SMTP. Without {@code spring.mail.host} mail is only logged, so the
 * application runs without a mail server. A failed send throws: the process step retries it.
 */
@Component
class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final MailProperties mail;
    private final String from;

    Mailer(ObjectProvider<JavaMailSender> sender, MailProperties mail, @Value("${handoff.mail.from}") String from) {
        this.sender = sender;
        this.mail = mail;
        this.from = from;
    }

    void send(List<String> to, String subject, String body) {
        if (to.isEmpty()) {
            log.warn("No address to send \"{}\" to", subject);
            return;
        }
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null || !StringUtils.hasText(mail.getHost())) {
            log.info("Mail (no SMTP host configured) to {}: {}", to, subject);
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.toArray(String[]::new));
        message.setSubject(subject);
        message.setText(body);
        smtp.send(message);
    }
}
