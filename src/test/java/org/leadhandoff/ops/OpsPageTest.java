package org.leadhandoff.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.SignIn;
import org.leadhandoff.support.TestMail;
import org.leadhandoff.web.Flash;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The /ops page: what oscar sees, the redeploy and upload forms, the diagram's figures and incident retry. */
class OpsPageTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;
    @Autowired
    RepositoryService repository;
    @Autowired
    JavaMailSenderImpl smtp;

    @AfterEach
    void smtpBack() {
        smtp.setPort(TestMail.port());
    }

    @Test
    void oscarSeesModelsDiagramAndCockpitOthersAreTurnedAway() throws Exception {
        MockHttpSession oscar = SignIn.as(mvc, "oscar");
        String latest = repository.createProcessDefinitionQuery().processDefinitionKey("LeadHandoff").latestVersion()
                .singleResult().getId();
        mvc.perform(get("/ops").session(oscar)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"model-versions\"")))
                .andExpect(content().string(containsString("data-key=\"AcceptLead\"")))
                .andExpect(content().string(containsString("data-counts-url=\"/api/ops/diagram/" + latest + "/counts\"")))
                .andExpect(content().string(containsString("/dist/bpmn-viewer.production.min.js")))
                .andExpect(content().string(containsString("href=\"/camunda/app/cockpit/\"")));
        mvc.perform(get("/webjars/bpmn-js/dist/bpmn-viewer.production.min.js")).andExpect(status().isOk());
        mvc.perform(get("/ops").session(SignIn.as(mvc, "alice"))).andExpect(status().isForbidden());
        mvc.perform(get("/ops")).andExpect(status().is3xxRedirection());
    }

    @Test
    void theRedeployButtonSaysNothingChangedAndABrokenUploadListsItsErrors() throws Exception {
        MockHttpSession oscar = SignIn.as(mvc, "oscar");
        long deployments = repository.createDeploymentQuery().count();
        MvcResult redeploy = mvc.perform(post("/ops/deploy").session(oscar).with(csrf()))
                .andExpect(redirectedUrl("/ops")).andReturn();
        assertThat(((Flash) redeploy.getFlashMap().get(Flash.ATTRIBUTE)).code()).isEqualTo("ops.deploy.unchanged");
        mvc.perform(get("/ops").session(oscar)).andExpect(content().string(containsString("Nothing changed")));
        mvc.perform(post("/ops/deploy").session(oscar)).andExpect(status().isForbidden());

        MvcResult upload = mvc.perform(multipart("/ops/models").file(new MockMultipartFile("file", "DiscoveryCall.form",
                        "application/json", "{\"id\": \"DiscoveryCall\", \"components\": []}".getBytes(StandardCharsets.UTF_8)))
                        .session(oscar).with(csrf()))
                .andExpect(redirectedUrl("/ops")).andReturn();
        assertThat(((Flash) upload.getFlashMap().get(Flash.ATTRIBUTE)).code()).isEqualTo("ops.deploy.invalid");
        @SuppressWarnings("unchecked")
        List<ModelError> errors = (List<ModelError>) upload.getFlashMap().get(OpsPageController.MODEL_ERRORS);
        assertThat(errors).extracting(ModelError::message).anyMatch(m -> m.contains("The field outcome is missing"));
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);

        mvc.perform(get("/ops").session(oscar))
                .andExpect(content().string(containsString("Nothing was deployed")))
                .andExpect(content().string(containsString("The field budget is missing")));
    }

    @Test
    void theDiagramCountsWaitingHandoffsAndAFailedMailIsAnIncidentToRetry() throws Exception {
        smtp.setPort(closedPort());
        Lead lead = qualifiedLead("DE");
        for (int i = 0; i < 4; i++) {
            moveClock(Duration.ofMinutes(1));
            runDueJobs();
        }
        Incident incident = runtime.createIncidentQuery().processInstanceId(lead.handoffId()).singleResult();
        assertThat(incident).isNotNull();
        String definition = handoff(lead).getProcessDefinitionId();

        // the accept SLA of a demo request is an hour: 4 minutes in, it is due within the hour
        mvc.perform(get("/api/ops/diagram/" + definition + "/counts").with(httpBasic("oscar", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.activities[?(@.activityId == 'Task_AcceptLead')].waiting",
                        org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.greaterThanOrEqualTo(1))))
                .andExpect(jsonPath("$.activities[?(@.activityId == 'Task_AcceptLead')].atRisk",
                        org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.greaterThanOrEqualTo(1))))
                .andExpect(jsonPath("$.activities[?(@.activityId == 'Task_NotifyRep')].incidents",
                        org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.greaterThanOrEqualTo(1))));
        mvc.perform(get("/api/ops/diagram/" + definition + "/xml").with(httpBasic("oscar", "demo")))
                .andExpect(content().string(containsString("id=\"Task_AcceptLead\"")));
        mvc.perform(get("/api/ops/diagram/nope/counts").with(httpBasic("oscar", "demo")))
                .andExpect(status().isNotFound());

        mvc.perform(get("/api/ops/incidents").with(httpBasic("oscar", "demo")))
                .andExpect(jsonPath("$[?(@.id == '" + incident.getId() + "')].activityId").value("Task_NotifyRep"))
                .andExpect(jsonPath("$[?(@.id == '" + incident.getId() + "')].leadId").value(lead.id()))
                .andExpect(jsonPath("$[?(@.id == '" + incident.getId() + "')].retryable").value(true));
        MockHttpSession oscar = SignIn.as(mvc, "oscar");
        mvc.perform(get("/ops").session(oscar))
                .andExpect(content().string(containsString("/ops/incidents/" + incident.getId() + "/retry")));

        smtp.setPort(TestMail.port());
        mvc.perform(post("/ops/incidents/" + incident.getId() + "/retry").session(oscar).with(csrf()))
                .andExpect(redirectedUrl("/ops#incidents"));
        moveClock(Duration.ofMinutes(1));
        runDueJobs();
        assertThat(runtime.createIncidentQuery().processInstanceId(lead.handoffId()).count()).isZero();
        mvc.perform(post("/api/ops/incidents/" + incident.getId() + "/retry").with(httpBasic("oscar", "demo")))
                .andExpect(status().isNotFound());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
