package org.leadhandoff.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.leadhandoff.web.FieldProblem;
import org.leadhandoff.web.InvalidInputException;

/**
 * The days a report covers, both inclusive, as the team's own calendar counts them: a clock
 * counts in the period in which it started, in the time zone of its team.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 3 * 366;

    /** Reads {@code from}/{@code to} query values; the default is the last 30 days up to {@code today}. */
    static ReportPeriod parse(String from, String to, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate end = date("to", to, problems);
        LocalDate start = date("from", from, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (end == null) {
            end = start != null && start.plusDays(DEFAULT_DAYS - 1).isBefore(today)
                    ? start.plusDays(DEFAULT_DAYS - 1) : today;
        }
        if (start == null) {
            start = end.minusDays(DEFAULT_DAYS - 1);
        }
        if (start.isAfter(end)) {
            throw new InvalidInputException("from", from, "must not be after to (" + end + ")");
        }
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw new InvalidInputException("from", from, "a period covers at most " + MAX_DAYS + " days");
        }
        return new ReportPeriod(start, end);
    }

    /** The last {@code days} days up to and including {@code today}. */
    public static ReportPeriod lastDays(int days, LocalDate today) {
        return new ReportPeriod(today.minusDays(days - 1L), today);
    }

    long days() {
        return to.toEpochDay() - from.toEpochDay() + 1;
    }

    Instant startIn(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    Instant endIn(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static LocalDate date(String field, String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, value, "must be an ISO date such as 2026-11-30"));
            return null;
        }
    }

    /**
     * How a histogram read splits this period: whole calendar months from the monthly rows
     * ({@code monthsFrom} to {@code lastMonth}, month starts), the days outside
     * [{@code monthsFrom}, {@code monthsTo}) from the daily rows. A period without a whole month
     * reads every day daily. Named parameters of the rollup queries.
     */
    Map<String, Object> monthEdges() {
        LocalDate firstMonth = from.getDayOfMonth() == 1 ? from : from.plusMonths(1).withDayOfMonth(1);
        LocalDate afterMonths = to.plusDays(1).withDayOfMonth(1);
        boolean wholeMonths = firstMonth.isBefore(afterMonths);
        Map<String, Object> edges = new HashMap<>();
        edges.put("monthsFrom", wholeMonths ? firstMonth : to.plusDays(1));
        edges.put("monthsTo", wholeMonths ? afterMonths : to.plusDays(1));
        edges.put("lastMonth", wholeMonths ? afterMonths.minusMonths(1) : from.minusDays(1));
        return edges;
    }
}
