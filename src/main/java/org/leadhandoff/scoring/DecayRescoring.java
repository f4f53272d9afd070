package org.leadhandoff.scoring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Lets old engagement fade even when a lead does nothing: every
 * {@code handoff.scoring.decay.interval} the leads holding fading activity are re-scored in
 * batches (one query per batch reads them, a few batched statements write them). No engine job
 * per lead.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DecayRescoring {

    private static final Logger log = LoggerFactory.getLogger(DecayRescoring.class);

    private final OpenLeadRescoring leads;

    DecayRescoring(OpenLeadRescoring leads) {
        this.leads = leads;
    }

    @Scheduled(fixedDelayString = "${handoff.scoring.decay.interval:PT1H}",
            initialDelayString = "${handoff.scoring.decay.interval:PT1H}")
    void run() {
        OpenLeadRescoring.Rescored done = leads.rescoreDecaying();
        log.info("Decay re-scoring: {} leads re-scored, {} changed", done.rescored(), done.changed());
    }
}
