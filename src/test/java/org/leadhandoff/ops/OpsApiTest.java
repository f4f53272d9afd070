package org.leadhandoff.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.SignIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The ops API: who may call it, the model list, redeploy, and uploads that deploy or are refused whole. */
class OpsApiTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;
    @Autowired
    ModelDeployer deployer;
    @Autowired
    RepositoryService repository;
    @Autowired
    ObjectMapper json;

    @TempDir
    Path folder;
    private Path shipped;

    @BeforeEach
    void editedCopyInRealTime() throws Exception {
        ClockUtil.reset();
        shipped = deployer.folder();
        ModelFolder.copyShipped(folder);
        deployer.moveTo(folder);
    }

    @AfterEach
    void shippedModelsAgain() {
        ClockUtil.reset();
        deployer.moveTo(shipped);
        deployer.deploy();
    }

    @Test
    void withoutCredentials401AndForRepsAndManagers403() throws Exception {
        for (var call : List.of(get("/api/ops/models"), post("/api/ops/deploy"), get("/api/ops/incidents"),
                get("/api/ops/migrations"), post("/api/ops/incidents/x/retry"))) {
            mvc.perform(call).andExpect(status().isUnauthorized());
        }
        for (String user : List.of("alice", "maria")) {
            mvc.perform(get("/api/ops/models").with(httpBasic(user, "demo"))).andExpect(status().isForbidden());
            mvc.perform(post("/api/ops/deploy").with(httpBasic(user, "demo"))).andExpect(status().isForbidden());
            mvc.perform(multipart("/api/ops/models").file(bpmn("LeadHandoff.bpmn", "x")).with(httpBasic(user, "demo")))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/ops").session(SignIn.as(mvc, user))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/ops/models").header("Authorization", "Bearer test-key")).andExpect(status().isForbidden());
    }

    @Test
    void modelsListEveryProcessDecisionAndFormLatestVersionFirst() throws Exception {
        int latest = latestVersion();
        JsonNode models = json.readTree(as("oscar", get("/api/ops/models")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        List<JsonNode> handoff = new ArrayList<>();
        models.forEach(m -> {
            if (m.path("key").asText().equals("LeadHandoff")) {
                handoff.add(m);
            }
        });
        assertThat(handoff.get(0).path("type").asText()).isEqualTo("process");
        assertThat(handoff.get(0).path("version").asInt()).isEqualTo(latest);
        assertThat(handoff).extracting(m -> m.path("version").asInt()).isSortedAccordingTo((a, b) -> b - a);
        assertThat(handoff.get(0).path("deployedAt").asText()).isNotBlank();
        assertThat(handoff.get(0).path("deployedBy").asText()).isNotBlank();
        assertThat(handoff.get(0).has("running")).isTrue();
        List<String> forms = new ArrayList<>();
        models.forEach(m -> {
            if (m.path("type").asText().equals("form")) {
                forms.add(m.path("key").asText());
            }
        });
        assertThat(forms).contains("AcceptLead", "DiscoveryCall", "ResolveEscalation");
    }

    @Test
    void redeployingUnchangedFilesDeploysNothing() throws Exception {
        int latest = latestVersion();
        as("oscar", post("/api/ops/deploy")).andExpect(status().isOk())
                .andExpect(jsonPath("$.deployed").isEmpty());
        assertThat(latestVersion()).isEqualTo(latest);
    }

    @Test
    void aRedeployOfAnEditedFolderMakesANewVersionRecordedAsTheCaller() throws Exception {
        int latest = latestVersion();
        Files.writeString(folder.resolve("bpmn/LeadHandoff.bpmn"), ModelFolder.edited("bpmn/LeadHandoff.bpmn",
                "name=\"Accept lead\"", "name=\"Accept or reject the lead\""));
        as("oscar", post("/api/ops/deploy")).andExpect(status().isOk())
                .andExpect(jsonPath("$.deployed[?(@.key == 'LeadHandoff')].version", hasItem(latest + 1)));
        as("oscar", get("/api/ops/models")).andExpect(jsonPath("$[0].key").value("LeadHandoff"))
                .andExpect(jsonPath("$[0].version").value(latest + 1))
                .andExpect(jsonPath("$[0].deployedBy").value("oscar"));
    }

    @Test
    void anUploadIsValidatedWithTheFolderDeployedAndWrittenThere() throws Exception {
        int latest = latestVersion();
        String edited = ModelFolder.edited("bpmn/LeadHandoff.bpmn", "name=\"Discovery call\"",
                "name=\"Discovery call (BANT)\"");
        as("oscar", multipart("/api/ops/models").file(bpmn("LeadHandoff.bpmn", edited)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.deployed[?(@.key == 'LeadHandoff')].version", hasItem(latest + 1)))
                .andExpect(jsonPath("$.deployed[?(@.key == 'AcceptLead')]").isNotEmpty());
        assertThat(Files.readString(folder.resolve("bpmn/LeadHandoff.bpmn"))).isEqualTo(edited);
        assertThat(latestVersion()).isEqualTo(latest + 1);
    }

    @Test
    void aBrokenUploadIsRefusedWithItsErrorsAndChangesNothing() throws Exception {
        long deployments = repository.createDeploymentQuery().count();
        String before = Files.readString(folder.resolve("bpmn/LeadHandoff.bpmn"));
        String broken = ModelFolder.edited("bpmn/LeadHandoff.bpmn", "id=\"Task_DiscoveryCall\"",
                "id=\"Activity_0k3j2hd\"");
        as("oscar", multipart("/api/ops/models").file(bpmn("LeadHandoff.bpmn", broken)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.elementId == 'Activity_0k3j2hd')].file", hasItem("bpmn/LeadHandoff.bpmn")))
                .andExpect(jsonPath("$.errors[?(@.elementId == 'Activity_0k3j2hd')].line",
                        hasItem(lineOf(before, "id=\"Task_DiscoveryCall\""))))
                .andExpect(jsonPath("$.errors[?(@.elementId == 'Activity_0k3j2hd')].message",
                        hasItem(org.hamcrest.Matchers.containsString("Modeler-generated"))));
        as("oscar", multipart("/api/ops/models").file(new MockMultipartFile("file", "AcceptLead.form",
                "application/json", "{\"id\": \"AcceptLead\", ".getBytes(StandardCharsets.UTF_8))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].file").value("forms/AcceptLead.form"))
                .andExpect(jsonPath("$.errors[0].line").value(1))
                .andExpect(jsonPath("$.errors[0].message", org.hamcrest.Matchers.startsWith("Not valid JSON")));
        as("oscar", multipart("/api/ops/models").file(new MockMultipartFile("file", "notes.txt", "text/plain",
                "hello".getBytes(StandardCharsets.UTF_8))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message", org.hamcrest.Matchers.containsString(".bpmn, .dmn or .form")));
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(Files.readString(folder.resolve("bpmn/LeadHandoff.bpmn"))).isEqualTo(before);
        assertThat(Files.readString(folder.resolve("forms/AcceptLead.form")))
                .isEqualTo(Files.readString(Path.of("forms/AcceptLead.form")));
    }

    /** The 1-based line of the first occurrence of {@code text}, so the test follows edits of the shipped model. */
    private static int lineOf(String content, String text) {
        int at = content.indexOf(text);
        assertThat(at).as(text).isNotNegative();
        return (int) content.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private ResultActions as(String user, org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        if (request instanceof org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder b) {
            return mvc.perform(b.with(httpBasic(user, "demo")));
        }
        return mvc.perform(request);
    }

    private static MockMultipartFile bpmn(String name, String content) {
        return new MockMultipartFile("file", name, "application/xml", content.getBytes(StandardCharsets.UTF_8));
    }

    private int latestVersion() {
        return repository.createProcessDefinitionQuery().processDefinitionKey("LeadHandoff").latestVersion()
                .singleResult().getVersion();
    }
}
