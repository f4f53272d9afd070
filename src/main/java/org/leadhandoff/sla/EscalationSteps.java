package org.leadhandoff.sla;

import static org.leadhandoff.support.Db.instant;
import static org.leadhandoff.support.Db.ts;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rungs of the escalation ladder each handoff climbed: reminded, breached, escalated, resolved. */
@Repository
class EscalationSteps {

    private final JdbcClient jdbc;

    EscalationSteps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String leadId, String handoffId, Long clockId, LadderStep.Kind step, Instant at, String by,
            String toUser, String toGroup, String detail) {
        jdbc.sql("""
                insert into escalation_steps (lead_id, handoff_id, clock_id, step, at, by_user, to_user, to_group,
                                              detail)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(leadId, handoffId, clockId, step.name(), ts(at), by, toUser, toGroup, detail).update();
    }

    List<LadderStep> ofLead(String leadId) {
        return jdbc.sql("""
                select step, at, by_user, to_user, to_group, detail from escalation_steps
                 where lead_id = ? order by id""")
                .param(leadId)
                .query((rs, n) -> new LadderStep(LadderStep.Kind.valueOf(rs.getString("step")), instant(rs, "at"),
                        rs.getString("by_user"), rs.getString("to_user"), rs.getString("to_group"),
                        rs.getString("detail")))
                .list();
    }
}
