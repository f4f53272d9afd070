package org.leadhandoff.dashboard;

import static org.leadhandoff.support.Db.ts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of some teams whose time column falls in a report period, as a SQL condition with
 * named parameters: one instant range per team, because each team counts days in its own zone.
 */
record PeriodScope(String where, Map<String, Object> params) {

    static PeriodScope of(ReportPeriod period, List<SlaFigures.TeamZone> teams, String atColumn, String teamColumn) {
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < teams.size(); i++) {
            SlaFigures.TeamZone t = teams.get(i);
            ranges.add("(" + teamColumn + " = :team" + i + " and " + atColumn + " >= :from" + i + " and " + atColumn
                    + " < :to" + i + ")");
            params.put("team" + i, t.team());
            params.put("from" + i, ts(period.startIn(t.zone())));
            params.put("to" + i, ts(period.endIn(t.zone())));
        }
        return new PeriodScope("(" + String.join(" or ", ranges) + ")", params);
    }

    /** The same scope with one more named parameter. */
    PeriodScope with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(params);
        more.put(name, value);
        return new PeriodScope(where, more);
    }
}
