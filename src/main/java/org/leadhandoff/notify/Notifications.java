package org.leadhandoff.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.security.Users;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Tells people what the handoff needs from them: assignment, reminder, breach, second-level
 * escalation. Each goes by mail and to the person's bell in the pages.
 */
@Service
public class Notifications {

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Mailer mailer;
    private final Bell bell;
    private final Users users;
    private final MessageSource messages;
    private final String baseUrl;

    Notifications(Mailer mailer, Bell bell, Users users, MessageSource messages,
            @Value("${handoff.base-url:http://localhost:8080}") String baseUrl) {
        this.mailer = mailer;
        this.bell = bell;
        this.users = users;
        this.messages = messages;
        this.baseUrl = baseUrl;
    }

    public void assigned(Lead lead, String rep, Instant dueAt) {
        bell.ring(rep, Bell.Kind.ASSIGNED, lead, dueAt);
        send(users.email(rep).stream().toList(), "mail.assigned", lead, dueAt);
    }

    /** Nobody in the team could take the lead (all away, inactive or full): it waits in the queue. */
    public void queued(Lead lead, String manager, Instant dueAt) {
        bell.ring(manager, Bell.Kind.QUEUED, lead, dueAt);
        send(users.email(manager).stream().toList(), "mail.queued", lead, dueAt);
    }

    public void reminder(Lead lead, String rep, Instant dueAt) {
        bell.ring(rep, Bell.Kind.REMINDER, lead, dueAt);
        send(users.email(rep).stream().toList(), "mail.reminder", lead, dueAt);
    }

    public void breached(Lead lead, String manager, Instant dueAt) {
        bell.ring(manager, Bell.Kind.ESCALATION, lead, dueAt);
        send(users.email(manager).stream().toList(), "mail.breached", lead, dueAt);
    }

    public void secondLevel(Lead lead, String group, Instant breachedAt) {
        users.groupMembers(group).forEach(member -> bell.ring(member, Bell.Kind.SECOND_LEVEL, lead, breachedAt));
        send(users.groupEmails(group), "mail.second-level", lead, breachedAt);
    }

    private void send(List<String> to, String key, Lead lead, Instant at) {
        Object[] args = {lead.displayName(), lead.company() == null ? "" : " at " + lead.company(),
            at == null ? "-" : DUE.format(at), baseUrl + "/leads/" + lead.id(), lead.score(), lead.grade(),
            lead.owner() == null ? "-" : lead.owner(), lead.priority() == null ? "-" : lead.priority()};
        String subject = messages.getMessage(key + ".subject", args, Locale.ENGLISH);
        String body = messages.getMessage(key + ".body", args, Locale.ENGLISH);
        // what is told to whom about which deadline: the same notice is mailed once however often its step runs
        String summary = key + " " + lead.handoffId() + " " + lead.id() + " " + at + " "
                + to.stream().sorted().collect(Collectors.joining(","));
        mailer.send(Deliveries.Delivery.of("mail", summary), to, subject, body);
    }
}
