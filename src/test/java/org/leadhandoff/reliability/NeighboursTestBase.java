package org.leadhandoff.reliability;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The application (as {@link ProcessTestBase}) with neighbours a test can take down: mail goes to
 * {@link SmtpServer}, sales-qualified leads to {@link CrmServer}. One Spring context for all subclasses.
 */
abstract class NeighboursTestBase extends ProcessTestBase {

    @Autowired
    JavaMailSenderImpl smtp;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;

    @DynamicPropertySource
    static void crm(DynamicPropertyRegistry registry) {
        registry.add("handoff.crm.webhook-url", CrmServer::url);
    }

    @BeforeEach
    void neighboursUp() {
        SmtpServer.start();
        CrmServer.start();
        CrmServer.reset();
        smtp.setPort(SmtpServer.port());
    }

    @AfterEach
    void neighboursBack() {
        SmtpServer.start();
        CrmServer.start();
        smtp.setPort(TestMail.port());
    }

    /** Lets {@code duration} pass a minute at a time, running whatever comes due (retries, timers). */
    void minutesPass(Duration duration) {
        for (long m = 0; m < duration.toMinutes(); m++) {
            moveClock(Duration.ofMinutes(1));
            runDueJobs();
        }
    }

    /** The open incidents as ops see them on GET /api/ops/incidents. */
    List<JsonNode> incidentsSeenByOps() throws Exception {
        String body = mvc.perform(get("/api/ops/incidents").with(httpBasic("oscar", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return StreamSupport.stream(json.readTree(body).spliterator(), false).toList();
    }

    /** Ops retry every open incident from the API, then the job executor's next poll runs them. */
    void opsRetryEveryIncident() throws Exception {
        for (JsonNode incident : incidentsSeenByOps()) {
            mvc.perform(post("/api/ops/incidents/" + incident.get("id").asText() + "/retry")
                    .with(httpBasic("oscar", "demo"))).andExpect(status().isOk());
        }
        runDueJobs();
    }
}
