package org.leadhandoff.routing;

import java.util.List;

/**
 * What a manager changes on a rep (PATCH /api/reps/{user}); a field left out (or null) stays as it
 * is. {@code leave} replaces all of the rep's leave periods ({@code []} clears them).
 */
public record RepChange(Boolean active, Integer weight, Integer capacity, List<Leave> leave) {
}
