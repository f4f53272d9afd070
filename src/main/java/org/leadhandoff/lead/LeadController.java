package org.leadhandoff.lead;

import jakarta.validation.Valid;
import java.net.URI;
import org.leadhandoff.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lead intake and lookup for marketing systems (API key) and the people working the lead. */
@RestController
@RequestMapping("/api/leads")
class LeadController {

    private final LeadService leads;
    private final CurrentUser currentUser;

    LeadController(LeadService leads, CurrentUser currentUser) {
        this.leads = leads;
        this.currentUser = currentUser;
    }

    @PostMapping
    ResponseEntity<LeadView> upsert(@Valid @RequestBody LeadInput input) {
        LeadService.Upserted result = leads.upsert(input);
        LeadView view = leads.view(result.lead().id());
        if (result.created()) {
            return ResponseEntity.created(URI.create("/api/leads/" + view.id())).body(view);
        }
        return ResponseEntity.ok(view);
    }

    @PostMapping("/{id}/activities")
    ResponseEntity<LeadService.ActivityRecorded> activity(@PathVariable String id,
            @Valid @RequestBody ActivityInput input) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(leads.recordActivity(id, input));
    }

    @GetMapping("/{id}")
    LeadView get(@PathVariable String id) {
        Lead lead = leads.get(id);
        if (!currentUser.mayView(lead.owner(), lead.team())) {
            throw new AccessDeniedException("Only the owning rep or a manager of team " + lead.team()
                    + " may see this lead");
        }
        return leads.view(id);
    }
}
