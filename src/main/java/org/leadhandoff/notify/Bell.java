package org.leadhandoff.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.leadhandoff.lead.Lead;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * In-app notifications: what {@link Notifications} mails is also kept for the bell on every page,
 * unread until its reader marks it read.
 */
@Service
public class Bell {

    private static final int LATEST = 50;

    /** What a notification is about. */
    public enum Kind {
        ASSIGNED, REMINDER, ESCALATION, SECOND_LEVEL, QUEUED
    }

    /** One notification; {@code dueAt} is the deadline it is about. */
    public record Notice(long id, Kind kind, String leadId, String leadName, Instant dueAt, Instant createdAt,
            boolean read) {
    }

    private final Notices notices;
    private final Clock clock;

    Bell(Notices notices, Clock clock) {
        this.notices = notices;
        this.clock = clock;
    }

    /** Joins the caller's transaction, so a notification whose mail failed is not kept twice on retry. */
    @Transactional
    void ring(String recipient, Kind kind, Lead lead, Instant dueAt) {
        String name = lead.company() == null ? lead.displayName() : lead.displayName() + ", " + lead.company();
        notices.add(recipient, kind, lead.id(), name, dueAt, clock.instant());
    }

    @Transactional(readOnly = true)
    public long unread(String recipient) {
        return notices.unread(recipient);
    }

    @Transactional(readOnly = true)
    public List<Notice> latest(String recipient) {
        return notices.latest(recipient, LATEST);
    }

    @Transactional
    public int markAllRead(String recipient) {
        return notices.markAllRead(recipient, clock.instant());
    }
}
