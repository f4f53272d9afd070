package org.leadhandoff.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.leadhandoff.lead.ActivityInput;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.LeadInput;
import org.leadhandoff.lead.LeadService;
import org.leadhandoff.scoring.ActivityType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on an in-memory H2 database with the job executor off: tests run jobs
 * themselves and move the engine clock instead of waiting. One Spring context for all subclasses.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:process;MODE=LEGACY;DB_CLOSE_DELAY=-1",
    "camunda.bpm.generate-unique-process-engine-name=true",
    "spring.datasource.generate-unique-name=true",
    "camunda.bpm.job-execution.enabled=false",
    "camunda.bpm.metrics.db-reporter-activate=false",
    "handoff.api-keys=test-key",
    "handoff.demo.history=false",
    "logging.level.org.camunda.bpm.engine.jobexecutor=warn"
})
@AutoConfigureMockMvc
public abstract class ProcessTestBase {

    @Autowired
    protected ProcessEngine engine;
    @Autowired
    protected RuntimeService runtime;
    @Autowired
    protected TaskService tasks;
    @Autowired
    protected ManagementService management;
    @Autowired
    protected IdentityService identity;
    @Autowired
    protected LeadService leads;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMail::port);
    }

    @BeforeEach
    void startClock() {
        init(engine);
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-23T09:00:00Z")));
        // handoffs other tests left running would come due whenever a test moves the clock
        List<String> running = runtime.createProcessInstanceQuery().list().stream().map(ProcessInstance::getId)
                .toList();
        if (!running.isEmpty()) {
            runtime.deleteProcessInstances(running, "test isolation", true, true);
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        identity.clearAuthentication();
    }

    protected Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    protected void moveClock(Duration by) {
        ClockUtil.setCurrentTime(Date.from(now().plus(by)));
    }

    /**
     * Runs every job that is due now (async steps, timers), in due order, until none is left. A
     * failing job is left to the engine's retry handling, as the job executor would: its retries
     * drop and it comes due again after the retry interval.
     */
    protected void runDueJobs() {
        for (int round = 0; round < 100; round++) {
            List<Job> due = management.createJobQuery().executable().orderByJobDuedate().asc().list();
            if (due.isEmpty()) {
                return;
            }
            try {
                management.executeJob(due.get(0).getId());
            } catch (RuntimeException failed) {
                org.slf4j.LoggerFactory.getLogger(getClass()).info("job failed: {}", failed.getMessage());
            }
        }
        throw new IllegalStateException("jobs keep coming: a loop in the process?");
    }

    private static int counter;

    /** A new lead in country {@code country} whose demo request makes it an MQL; its handoff started. */
    protected Lead qualifiedLead(String country) {
        String n = System.nanoTime() + "-" + (++counter);
        Lead lead = leads.upsert(new LeadInput("ext-" + n, "lead" + n + "@acme.example", "Lee", "Ad" + n, "Acme",
                "VP Sales", 500, "Software", country, "web", null)).lead();
        leads.recordActivity(lead.id(), new ActivityInput(null, ActivityType.DEMO_REQUESTED, null, Map.of()));
        runDueJobs();
        return leads.get(lead.id());
    }

    protected ProcessInstance handoff(Lead lead) {
        return runtime.createProcessInstanceQuery().processInstanceId(leads.get(lead.id()).handoffId())
                .singleResult();
    }

    protected Task task(Lead lead) {
        return tasks.createTaskQuery().processInstanceId(leads.get(lead.id()).handoffId()).singleResult();
    }

    /** Completes the lead's open task as {@code user}, the way the task API does. */
    protected void complete(Lead lead, String user, Map<String, Object> values) {
        Task task = task(lead);
        identity.setAuthenticatedUserId(user);
        try {
            if (task.getAssignee() == null) {
                tasks.claim(task.getId(), user);
            }
            tasks.complete(task.getId(), values);
        } finally {
            identity.clearAuthentication();
        }
        runDueJobs();
    }
}
