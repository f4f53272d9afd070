package org.leadhandoff.dashboard;

import java.time.LocalDate;
import java.util.List;

/**
 * The contract's SLA figures for a period: compliance is met ÷ (met + breached), {@code null}
 * when no clock was decided yet; minutes to accept run from the accept task's creation to the
 * rep's decision.
 */
public record SlaSummary(LocalDate from, LocalDate to, List<String> teams, long handoffs, long accepted,
        long acceptedWithinSla, Double acceptCompliance, Double followUpCompliance, long breaches,
        Double medianMinutesToAccept, Double p90MinutesToAccept, List<RepFigures> byRep) {

    /** One rep's share: handoffs offered to them, their breached clocks, compliance and speed. */
    public record RepFigures(String rep, long handoffs, long accepted, long breaches, Double acceptCompliance,
            Double medianMinutesToAccept) {
    }
}
