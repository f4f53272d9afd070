package org.leadhandoff.dashboard;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** SLA figures for managers: the contract's summary, and CSV exports of the per-rep table and of the clocks. */
@RestController
@RequestMapping("/api/sla")
class SlaSummaryController {

    private final SlaFigures figures;
    private final ManagedTeams teams;
    private final Clock clock;

    SlaSummaryController(SlaFigures figures, ManagedTeams teams, Clock clock) {
        this.figures = figures;
        this.teams = teams;
        this.clock = clock;
    }

    @GetMapping("/summary")
    SlaSummary summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String team) {
        List<SlaFigures.TeamZone> scope = teams.select(team);
        return figures.summary(period(from, to, scope), scope);
    }

    @GetMapping("/reps.csv")
    void repsCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String team, HttpServletResponse response) throws IOException {
        SlaSummary summary = summary(from, to, team);
        try (CSVPrinter csv = csv(response, "sla-reps-" + summary.from() + "-" + summary.to() + ".csv",
                "rep", "handoffs", "accepted", "breaches", "acceptCompliance", "medianMinutesToAccept")) {
            for (SlaSummary.RepFigures r : summary.byRep()) {
                csv.printRecord(r.rep(), r.handoffs(), r.accepted(), r.breaches(), blank(r.acceptCompliance()),
                        blank(r.medianMinutesToAccept()));
            }
        }
    }

    @GetMapping("/clocks.csv")
    void clocksCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String team, HttpServletResponse response) throws IOException {
        List<SlaFigures.TeamZone> scope = teams.select(team);
        ReportPeriod period = period(from, to, scope);
        try (CSVPrinter csv = csv(response, "sla-clocks-" + period.from() + "-" + period.to() + ".csv",
                "id", "leadId", "handoffId", "kind", "team", "assignee", "priority", "startedAt", "dueAt", "stoppedAt",
                "stoppedBy", "breachedAt", "endedAt", "outcome", "result")) {
            figures.clocks(period, scope, c -> {
                try {
                    csv.printRecord(c.id(), c.leadId(), c.handoffId(), c.kind(), c.team(), c.assignee(), c.priority(),
                            iso(c.startedAt()), iso(c.dueAt()), iso(c.stoppedAt()), c.stoppedBy(), iso(c.breachedAt()),
                            iso(c.endedAt()), c.outcome(), c.result());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /** The asked period, by default the last 30 days up to today as the first of the teams counts it. */
    private ReportPeriod period(String from, String to, List<SlaFigures.TeamZone> scope) {
        return ReportPeriod.parse(from, to, teams.today(scope, clock));
    }

    /** RFC 4180 CSV with a header row, quoted where needed (Commons CSV: names with commas or quotes stay intact). */
    private static CSVPrinter csv(HttpServletResponse response, String filename, String... header) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        Writer out = new java.io.OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        return new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header).get());
    }

    private static String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    private static Object blank(Object value) {
        return value == null ? "" : value;
    }
}
