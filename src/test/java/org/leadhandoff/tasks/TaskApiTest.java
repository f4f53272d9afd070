package org.leadhandoff.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.Stage;
import org.leadhandoff.support.ProcessTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The task API: a rep's list by SLA deadline, and completion checked against the task's form. */
class TaskApiTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;

    private org.springframework.test.web.servlet.ResultActions completeAs(String user, String taskId, String body)
            throws Exception {
        return mvc.perform(post("/api/tasks/" + taskId + "/complete").with(httpBasic(user, "demo"))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void repSeesOwnTasksEarliestDueFirst() throws Exception {
        Lead first = qualifiedLead("DE");
        String rep = task(first).getAssignee();
        moveClock(Duration.ofMinutes(1));
        Lead later;
        do {
            later = qualifiedLead("DE");
        } while (!rep.equals(task(later).getAssignee()));
        String json = mvc.perform(get("/api/tasks").with(httpBasic(rep, "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].leadId", hasItem(first.id())))
                .andReturn().getResponse().getContentAsString();
        List<String> dues = JsonPath.read(json, "$[*].dueAt");
        assertThat(dues).isSortedAccordingTo((a, b) -> Instant.parse(a).compareTo(Instant.parse(b)));
        List<String> assignees = JsonPath.read(json, "$[?(@.assignee)].assignee");
        assertThat(assignees).containsOnly(rep);
        String firstTask = task(first).getId();
        assertThat(JsonPath.<List<String>>read(json, "$[?(@.id=='" + firstTask + "')].taskKey"))
                .containsExactly("Task_AcceptLead");
    }

    @Test
    void missingOrWrongFieldsAreNamedAndTheTaskStaysOpen() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task task = task(lead);
        String rep = task.getAssignee();
        completeAs(rep, task.getId(), "{}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("decision"))
                .andExpect(jsonPath("$.errors[0].message", containsString("ACCEPT, REJECT")));
        completeAs(rep, task.getId(), "{\"decision\":\"REJECT\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rejectReason"));
        completeAs(rep, task.getId(), "{\"decision\":\"MAYBE\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].value").value("MAYBE"));
        completeAs(rep, task.getId(), "{\"decision\":\"ACCEPT\",\"mood\":\"great\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("mood"));
        assertThat(task(lead).getId()).isEqualTo(task.getId());
    }

    @Test
    void onlyTheAssigneeOrTheTeamManagerMayComplete() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task task = task(lead);
        String other = task.getAssignee().equals("alice") ? "bob" : "alice";
        completeAs(other, task.getId(), "{\"decision\":\"ACCEPT\"}").andExpect(status().isForbidden());
        completeAs("carol", task.getId(), "{\"decision\":\"ACCEPT\"}").andExpect(status().isForbidden());
        assertThat(task(lead).getId()).isEqualTo(task.getId());
        completeAs("maria", task.getId(), "{\"decision\":\"ACCEPT\"}").andExpect(status().isNoContent());
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.SAL);
    }

    @Test
    void qualifiedCallNeedsBantAndACompletedTaskCannotBeCompletedAgain() throws Exception {
        Lead lead = qualifiedLead("DE");
        Task accept = task(lead);
        String rep = accept.getAssignee();
        completeAs(rep, accept.getId(), "{\"decision\":\"ACCEPT\",\"rejectReason\":\"\"}")
                .andExpect(status().isNoContent());
        completeAs(rep, accept.getId(), "{\"decision\":\"ACCEPT\"}").andExpect(status().isConflict());
        runDueJobs();
        Task call = task(lead);
        completeAs(rep, call.getId(), "{\"outcome\":\"QUALIFIED\",\"budget\":\"10k\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("authority")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("need")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("timeline")));
        completeAs(rep, call.getId(), """
                {"outcome":"QUALIFIED","budget":"10k","authority":"CEO","need":"SLA","timeline":"Q2","notes":"ok"}""")
                .andExpect(status().isNoContent());
        runDueJobs();
        assertThat(leads.get(lead.id()).stage()).isEqualTo(Stage.SQL);
    }

    @Test
    void reassignToSomeoneWhoIsNotARepIsRefused() throws Exception {
        Lead lead = qualifiedLead("DE");
        moveClock(Duration.ofHours(1));
        runDueJobs();
        Task escalation = task(lead);
        completeAs("maria", escalation.getId(), "{\"action\":\"REASSIGN\",\"newAssignee\":\"oscar\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("newAssignee"));
        mvc.perform(get("/api/tasks").with(httpBasic("maria", "demo")))
                .andExpect(jsonPath("$[*].id", hasItem(escalation.getId())));
    }
}
