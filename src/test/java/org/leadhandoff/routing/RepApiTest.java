package org.leadhandoff.routing;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.security.Roles;
import org.leadhandoff.support.ProcessTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** GET/PATCH /api/reps: what managers see and change, every bad field named, and who may not. */
class RepApiTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;
    @Autowired
    Teams teams;

    @AfterEach
    void restoreDemoReps() {
        for (String rep : List.of("alice", "bob", "carol", "dave")) {
            teams.update(rep, true, 1, 50);
            teams.replaceLeave(rep, List.of());
        }
    }

    private static MockHttpServletRequestBuilder patchRep(String user, String json) {
        return patch("/api/reps/" + user).contentType(MediaType.APPLICATION_JSON).content(json);
    }

    @Test
    void aManagerSeesTheRepsOfTheirTeamsWithLoadAndLeave() throws Exception {
        Lead lead = qualifiedLead("DE");
        String owner = leads.get(lead.id()).owner();
        mvc.perform(get("/api/reps").with(httpBasic("maria", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].user", containsInAnyOrder("alice", "bob", "carol", "dave")))
                .andExpect(jsonPath("$[?(@.user == 'alice')].team").value("emea"))
                .andExpect(jsonPath("$[?(@.user == 'carol')].team").value("amer"))
                .andExpect(jsonPath("$[?(@.user == 'alice')].weight").value(1))
                .andExpect(jsonPath("$[?(@.user == 'alice')].capacity").value(50))
                .andExpect(jsonPath("$[?(@.user == 'alice')].active").value(true))
                .andExpect(jsonPath("$[?(@.user == 'alice')].leave[*]", empty()))
                .andExpect(jsonPath("$[?(@.user == '" + owner + "')].openHandoffs",
                        hasItem(org.hamcrest.Matchers.greaterThanOrEqualTo(1))));
    }

    @Test
    void patchChangesWhatIsGivenAndAnswersWithTheRep() throws Exception {
        mvc.perform(patchRep("bob", """
                {"weight": 3, "leave": [{"from": "2026-12-28", "to": "2027-01-02"}, {"from": "2026-12-01", "to": "2026-12-01"}]}""")
                .with(httpBasic("maria", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user").value("bob"))
                .andExpect(jsonPath("$.weight").value(3))
                .andExpect(jsonPath("$.capacity").value(50))
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.leave", hasSize(2)))
                .andExpect(jsonPath("$.leave[0].from").value("2026-12-01"))
                .andExpect(jsonPath("$.leave[1].to").value("2027-01-02"));
        mvc.perform(patchRep("bob", """
                {"active": false, "capacity": 10}""").with(httpBasic("maria", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(false))
                .andExpect(jsonPath("$.capacity").value(10))
                .andExpect(jsonPath("$.weight").value(3))
                .andExpect(jsonPath("$.leave", hasSize(2)));
        mvc.perform(patchRep("bob", """
                {"leave": []}""").with(httpBasic("maria", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.leave", empty()));
    }

    @Test
    void badFieldsAreEachNamedAndNothingChanges() throws Exception {
        mvc.perform(patchRep("alice", """
                {"active": false, "weight": 0, "capacity": -1, "leave": [{"from": "2026-12-24"}, {"from": "2026-12-31", "to": "2026-12-24"}]}""")
                .with(httpBasic("maria", "demo")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("weight", "capacity", "leave[0].to",
                        "leave[1].to")));
        mvc.perform(patchRep("alice", """
                {"leave": [{"from": "24.12.2026", "to": "2026-12-31"}]}""").with(httpBasic("maria", "demo")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("leave[0].from"))
                .andExpect(jsonPath("$.errors[0].message").value("must be an ISO date such as 2026-12-24"));
        mvc.perform(patchRep("alice", """
                {"colour": "blue"}""").with(httpBasic("maria", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("colour"));
        mvc.perform(get("/api/reps").with(httpBasic("maria", "demo")))
                .andExpect(jsonPath("$[?(@.user == 'alice')].active").value(true))
                .andExpect(jsonPath("$[?(@.user == 'alice')].weight").value(1));
    }

    @Test
    void strangersRepsAndOtherManagersAreTurnedAway() throws Exception {
        mvc.perform(get("/api/reps")).andExpect(status().isUnauthorized());
        mvc.perform(patchRep("alice", "{\"weight\": 2}")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/reps").with(httpBasic("alice", "demo"))).andExpect(status().isForbidden());
        mvc.perform(patchRep("bob", "{\"weight\": 9}").with(httpBasic("alice", "demo")))
                .andExpect(status().isForbidden());
        mvc.perform(patchRep("nobody", "{\"weight\": 2}").with(httpBasic("maria", "demo")))
                .andExpect(status().isNotFound());

        // a manager of another team sees none of these reps and may change none
        if (identity.createUserQuery().userId("mona").count() == 0) {
            User mona = identity.newUser("mona");
            mona.setPassword("demo");
            mona.setEmail("mona@example.com");
            identity.saveUser(mona);
            identity.createMembership("mona", Roles.MANAGERS);
        }
        mvc.perform(get("/api/reps").with(httpBasic("mona", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$", empty()));
        mvc.perform(patchRep("alice", "{\"weight\": 2}").with(httpBasic("mona", "demo")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/reps").with(httpBasic("maria", "demo")))
                .andExpect(jsonPath("$[?(@.user == 'alice')].weight").value(1));
    }
}
