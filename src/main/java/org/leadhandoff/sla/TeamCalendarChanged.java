package org.leadhandoff.sla;

/** A manager changed a team's business calendar: the due dates of its running clocks must follow. */
public record TeamCalendarChanged(String team) {
}
