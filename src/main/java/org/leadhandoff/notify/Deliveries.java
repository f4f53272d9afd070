package org.leadhandoff.notify;

import static org.leadhandoff.support.Db.ts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What has already reached a neighbour (a mail the SMTP server accepted, a lead the CRM accepted),
 * recorded in a transaction of its own at once, so it survives the rollback of the step that sent
 * it: the step's retry then skips the delivery instead of making it twice.
 */
@Repository
class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    /** One thing to deliver once: its key is a digest of {@code summary}, which says what goes to whom. */
    record Delivery(String key, String channel, String summary) {

        static Delivery of(String channel, String summary) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest((channel + "|" + summary).getBytes(StandardCharsets.UTF_8));
                return new Delivery(HexFormat.of().formatHex(digest), channel, summary);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate separately;
    private final Clock clock;

    Deliveries(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    boolean delivered(Delivery delivery) {
        return jdbc.sql("select count(*) from deliveries where delivery_key = ?").param(delivery.key())
                .query(Long.class).single() > 0;
    }

    /** Records the delivery, committed at once whatever becomes of the caller's transaction. */
    void record(Delivery delivery) {
        try {
            separately.executeWithoutResult(status -> jdbc.sql("""
                    insert into deliveries (delivery_key, channel, summary, delivered_at) values (?, ?, ?, ?)""")
                    .params(delivery.key(), delivery.channel(), abbreviate(delivery.summary()), ts(clock.instant()))
                    .update());
        } catch (DuplicateKeyException alreadyThere) {
            // delivered twice after all (e.g. a crash between send and record on another node): keep the first
        } catch (DataAccessException | TransactionException e) {
            // the delivery happened; failing the step now would only make its retry deliver it again
            log.warn("Could not record delivery {} ({}); a retry of its step would deliver it again",
                    delivery.summary(), e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
