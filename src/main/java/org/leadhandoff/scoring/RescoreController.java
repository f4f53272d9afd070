package org.leadhandoff.scoring;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ops action that re-scores every open lead after the scoring rules were redeployed. */
@RestController
@RequestMapping("/api/ops")
class RescoreController {

    private final OpenLeadRescoring leads;

    RescoreController(OpenLeadRescoring leads) {
        this.leads = leads;
    }

    @PostMapping("/rescore")
    OpenLeadRescoring.Rescored rescore() {
        return leads.rescoreOpenLeads();
    }
}
