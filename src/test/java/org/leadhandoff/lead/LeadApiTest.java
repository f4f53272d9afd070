package org.leadhandoff.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.leadhandoff.support.ProcessTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The intake API as a marketing system and the people working the lead see it. */
class LeadApiTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private static MockHttpServletRequestBuilder withKey(MockHttpServletRequestBuilder request) {
        return request.header("Authorization", "Bearer test-key").contentType(MediaType.APPLICATION_JSON);
    }

    private String create(String body) throws Exception {
        String json = mvc.perform(withKey(post("/api/leads")).content(body))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(json, "$.id");
    }

    @Test
    void newLeadIsCreatedScoredAndExplained() throws Exception {
        mvc.perform(withKey(post("/api/leads")).content("""
                {"externalId":"crm-1","email":"Ana@Example.org","firstName":"Ana","jobTitle":"VP Sales",
                 "companySize":500,"industry":"Software","country":"de"}"""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/leads/")))
                .andExpect(jsonPath("$.email").value("ana@example.org"))
                .andExpect(jsonPath("$.country").value("DE"))
                .andExpect(jsonPath("$.stage").value("LEAD"))
                .andExpect(jsonPath("$.grade").value("A"))
                .andExpect(jsonPath("$.score").value(75))
                .andExpect(jsonPath("$.scoreBreakdown[*].rule", hasItem("Title: Director, VP or C-level")))
                .andExpect(jsonPath("$.sla").doesNotExist());
    }

    @Test
    void sameExternalIdUpdatesTheProfileAndKeepsTheId() throws Exception {
        String id = create("""
                {"externalId":"crm-2","email":"ben@example.org","company":"Old"}""");
        mvc.perform(withKey(post("/api/leads")).content("""
                {"externalId":"crm-2","email":"ben@example.org","company":"New Co","jobTitle":"CTO"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.company").value("New Co"))
                .andExpect(jsonPath("$.jobTitle").value("CTO"));
        // without externalId the email finds the lead
        mvc.perform(withKey(post("/api/leads")).content("""
                {"email":"BEN@example.org","phone":"+49 30 1234"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.company").value("New Co"))
                .andExpect(jsonPath("$.phone").value("+49 30 1234"));
    }

    @Test
    void invalidLeadIsRejectedFieldByFieldAndNothingIsStored() throws Exception {
        long before = leadCount();
        mvc.perform(withKey(post("/api/leads")).content("""
                {"email":"not-an-email","country":"XX","companySize":-5}"""))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("email")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("country")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("companySize")))
                .andExpect(jsonPath("$.errors[?(@.field=='country')].value", hasItem("XX")))
                .andExpect(jsonPath("$.errors[?(@.field=='country')].message",
                        hasItem(containsString("ISO 3166-1 alpha-2"))));
        mvc.perform(withKey(post("/api/leads")).content("{\"companySize\":500}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"));
        mvc.perform(withKey(post("/api/leads")).content("{\"email\":\"a@b.org\",\"companySize\":\"many\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("companySize"))
                .andExpect(jsonPath("$.errors[0].value").value("many"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a whole number"));
        mvc.perform(withKey(post("/api/leads")).content("{\"email\":\"a@b.org\",\"favouriteColour\":\"red\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("favouriteColour"));
        mvc.perform(withKey(post("/api/leads")).content("{\"email\":\"a@b.org\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("not valid JSON")));
        assertThat(leadCount()).isEqualTo(before);
    }

    @Test
    void activityWithAKnownIdIsCountedOnce() throws Exception {
        String id = create("{\"email\":\"cleo@example.org\"}");
        String body = "{\"id\":\"evt-1\",\"type\":\"WEBINAR_ATTENDED\"}";
        mvc.perform(withKey(post("/api/leads/" + id + "/activities")).content(body))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.score").value(20))
                .andExpect(jsonPath("$.stage").value("LEAD"));
        mvc.perform(withKey(post("/api/leads/" + id + "/activities")).content(body))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.score").value(20));
        assertThat(jdbc.sql("select count(*) from lead_activities where lead_id = ?").param(id).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void unknownActivityTypeIsNamedInTheError() throws Exception {
        String id = create("{\"email\":\"dora@example.org\"}");
        mvc.perform(withKey(post("/api/leads/" + id + "/activities")).content("{\"type\":\"TELEPATHY\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("type"))
                .andExpect(jsonPath("$.errors[0].value").value("TELEPATHY"))
                .andExpect(jsonPath("$.errors[0].message", containsString("DEMO_REQUESTED")));
        mvc.perform(withKey(post("/api/leads/nope/activities")).content("{\"type\":\"PAGE_VIEW\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void handRaiserStartsExactlyOneHandoff() throws Exception {
        String id = create("{\"email\":\"eve@example.org\",\"country\":\"US\"}");
        mvc.perform(withKey(post("/api/leads/" + id + "/activities")).content("{\"type\":\"DEMO_REQUESTED\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.stage").value("MQL"));
        mvc.perform(withKey(post("/api/leads/" + id + "/activities")).content("{\"type\":\"CONTACT_SALES\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.stage").value("MQL"));
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isEqualTo(1);
    }

    @Test
    void scoreCrossingTheBarQualifiesOnce() throws Exception {
        String id = create("""
                {"email":"fay@example.org","jobTitle":"Engineer","companySize":300,"industry":"Software",
                 "country":"US"}""");
        mvc.perform(withKey(post("/api/leads/" + id + "/activities")).content("{\"type\":\"TRIAL_STARTED\"}"))
                .andExpect(jsonPath("$.score").value(85))
                .andExpect(jsonPath("$.stage").value("LEAD"));
        mvc.perform(withKey(post("/api/leads/" + id + "/activities")).content("{\"type\":\"WEBINAR_ATTENDED\"}"))
                .andExpect(jsonPath("$.score").value(105))
                .andExpect(jsonPath("$.stage").value("MQL"));
        mvc.perform(withKey(post("/api/leads/" + id + "/activities")).content("{\"type\":\"WEBINAR_ATTENDED\"}"))
                .andExpect(jsonPath("$.stage").value("MQL"));
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isEqualTo(1);
    }

    @Test
    void callersWithoutTheRightCredentialsAreTurnedAway() throws Exception {
        mvc.perform(post("/api/leads").contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"x@y.org\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")));
        mvc.perform(post("/api/leads").header("Authorization", "Bearer wrong").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"x@y.org\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/leads").with(httpBasic("alice", "demo")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"x@y.org\"}"))
                .andExpect(status().isForbidden());
        // (Camunda throttles a user after a wrong password, so use one no other test signs in as)
        mvc.perform(get("/api/tasks").with(httpBasic("admin", "wrong"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/tasks").with(httpBasic("oscar", "demo"))).andExpect(status().isForbidden());
    }

    @Test
    void aLeadIsVisibleToItsOwnerAndTeamManagerOnly() throws Exception {
        Lead lead = qualifiedLead("DE");
        String owner = task(lead).getAssignee();
        String other = owner.equals("alice") ? "bob" : "alice";
        mvc.perform(get("/api/leads/" + lead.id()).with(httpBasic(owner, "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.owner").value(owner))
                .andExpect(jsonPath("$.team").value("emea"))
                .andExpect(jsonPath("$.sla.clock").value("ACCEPT"))
                .andExpect(jsonPath("$.sla.breached").value(false))
                .andExpect(jsonPath("$.history[0].stage").value("MQL"));
        mvc.perform(get("/api/leads/" + lead.id()).with(httpBasic(other, "demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/leads/" + lead.id()).with(httpBasic("carol", "demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/leads/" + lead.id()).with(httpBasic("maria", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/leads/" + lead.id()).header("Authorization", "Bearer test-key"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/leads/unknown").header("Authorization", "Bearer test-key"))
                .andExpect(status().isNotFound());
    }

    private long leadCount() {
        return jdbc.sql("select count(*) from leads").query(Long.class).single();
    }
}
