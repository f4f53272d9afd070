package org.leadhandoff.routing;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The reps API for managers: who takes leads in their teams, and how many. */
@RestController
class RepController {

    private final Reps reps;

    RepController(Reps reps) {
        this.reps = reps;
    }

    @Operation(summary = "The reps of the teams you manage, with open handoffs against capacity, weight and leave")
    @GetMapping("/api/reps")
    List<Rep> list() {
        return reps.mine();
    }

    @Operation(summary = "Change a rep's active flag, weight, capacity or leave (leave replaces all periods; "
            + "dates are ISO days, both inclusive, in the team's time zone)")
    @PatchMapping("/api/reps/{user}")
    Rep change(@PathVariable String user, @RequestBody RepChange change) {
        return reps.change(user, change);
    }
}
