package org.leadhandoff.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.leadhandoff.support.ProcessTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** CSV import as a marketing system uses it: good lines stored and scored, bad lines reported, never blocking. */
class LeadImportTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private static MockHttpServletRequestBuilder csv(String body) {
        return post("/api/leads/import").header("Authorization", "Bearer test-key").contentType("text/csv")
                .content(body);
    }

    @Test
    void goodLinesAreCreatedOrUpdatedAndEachBadLineIsReportedWithItsReasons() throws Exception {
        mvc.perform(csv("""
                externalId,email,firstName,jobTitle,companySize,industry,country
                csv-1,ida@csv.example,Ida,VP Sales,500,Software,DE
                """)).andExpect(status().isOk()).andExpect(jsonPath("$.created").value(1));
        mvc.perform(csv("""
                externalId,email,firstName,jobTitle,companySize,industry,country
                csv-1,ida@csv.example,Ida,"Director, Sales",500,Software,DE
                csv-2,not-an-email,Jo,,,,
                csv-3,max@csv.example,Max,Engineer,lots,Retail,US
                csv-4,"lea@csv.example",Lea,"Head of
                Marketing",900,Software,FR
                csv-5,zoe@csv.example,Zoe,,,,XX
                csv-6,kim@csv.example,Kim
                """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(1))
                .andExpect(jsonPath("$.updated").value(1))
                .andExpect(jsonPath("$.rejected.length()").value(4))
                .andExpect(jsonPath("$.rejected[0].line").value(3))
                .andExpect(jsonPath("$.rejected[0].errors[0].field").value("email"))
                .andExpect(jsonPath("$.rejected[1].line").value(4))
                .andExpect(jsonPath("$.rejected[1].errors[0].field").value("companySize"))
                .andExpect(jsonPath("$.rejected[1].errors[0].value").value("lots"))
                .andExpect(jsonPath("$.rejected[2].line").value(7))
                .andExpect(jsonPath("$.rejected[2].errors[0].field").value("country"))
                .andExpect(jsonPath("$.rejected[3].line").value(8))
                .andExpect(jsonPath("$.rejected[3].errors[0].field").value("line"));
        Lead ida = leads.get(id("ida@csv.example"));
        assertThat(ida.jobTitle()).isEqualTo("Director, Sales");
        assertThat(ida.grade()).isEqualTo("A");
        Lead lea = leads.get(id("lea@csv.example"));
        assertThat(lea.jobTitle()).isEqualTo("Head of\nMarketing");
        assertThat(lea.fitScore()).isPositive();
        assertThat(count("max@csv.example")).isZero();
    }

    @Test
    void aHeaderWithUnknownColumnsOrWithoutEmailIsRefusedAndNothingIsStored() throws Exception {
        mvc.perform(csv("email,favouriteColour\nx@csv.example,red\n"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.errors[0].field").value("header"))
                .andExpect(jsonPath("$.errors[0].value").value("favouriteColour"));
        mvc.perform(csv("firstName,company\nX,Y\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].message", hasItem(containsString("email"))));
        assertThat(count("x@csv.example")).isZero();
    }

    @Test
    void onlyIntegrationsMayImport() throws Exception {
        mvc.perform(post("/api/leads/import").contentType("text/csv").content("email\na@csv.example\n"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/leads/import").with(httpBasic("maria", "demo")).contentType("text/csv")
                .content("email\na@csv.example\n")).andExpect(status().isForbidden());
    }

    private String id(String email) {
        return jdbc.sql("select id from leads where email = ?").param(email).query(String.class).single();
    }

    private long count(String email) {
        return jdbc.sql("select count(*) from leads where email = ?").param(email).query(Long.class).single();
    }
}
