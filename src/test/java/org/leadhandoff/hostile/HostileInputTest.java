package org.leadhandoff.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadhandoff.lead.ActivityInput;
import org.leadhandoff.lead.Lead;
import org.leadhandoff.lead.LeadInput;
import org.leadhandoff.scoring.ActivityType;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.SignIn;
import org.leadhandoff.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What a careless or hostile client sends, and what it gets: a 4xx problem detail naming the
 * field, the value and what is allowed, and nothing changed (leads, activities and handoffs
 * counted before and after). Markup is shown as text on every page and in mail; SQL is just text.
 */
class HostileInputTest extends ProcessTestBase {

    private static final String SCRIPT = "<script>alert(\"x\")</script><img src=x onerror=alert(1)>";
    private static final String SCRIPT_ESCAPED =
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    // --- malformed, truncated, wrong types, unknown fields ---

    @ParameterizedTest(name = "lead body {0}")
    @ValueSource(strings = {
        "{\"email\":\"ana@example.org\"",              // truncated
        "{\"email\":\"ana@exa",                         // truncated inside a string
        "{email: 'ana@example.org'}",                  // not JSON
        "{\"email\":\"ana@example.org\",}",            // trailing comma
        "",                                            // no body
        "null",
        "[]",
        "\"ana@example.org\"",
        "\u0000\u0001\u00ff garbage",
        "{\"email\":\"a@example.org\",\"email\":\"b@example.org\"}"  // the same field twice
    })
    void malformedJsonIsRefusedAndNothingChanges(String body) throws Exception {
        Counts before = counts();
        postLead(body).andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.title").value("Invalid input"))
                .andExpect(jsonPath("$.errors[0].message").isNotEmpty());
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void deeplyNestedJsonIsRefused() throws Exception {
        Counts before = counts();
        String deep = "{\"email\":\"a@example.org\",\"properties\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        postLead(deep).andExpect(status().isBadRequest());
        assertThat(counts()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
        companySize | "many"             | many        | must be a whole number
        companySize | 1.5                |             | must be a whole number
        companySize | 99999999999        |             | must be a whole number in range
        companySize | true               |             | must be a whole number
        companySize | -5                 | -5          | must be greater than or equal to 0
        email       | {"a":1}            |             | must be a string
        email       | ["a@example.org"]  |             | must be a string
        firstName   | {"first":"Ana"}    |             | must be a string
        country     | 49                 | 49          | ISO 3166-1 alpha-2
        """)
    void wrongTypesNameTheFieldTheValueAndWhatIsAllowed(String field, String json, String value, String allowed)
            throws Exception {
        Counts before = counts();
        String body = field.equals("email") ? "{\"email\":" + json + "}"
                : "{\"email\":\"types@example.org\",\"" + field + "\":" + json + "}";
        ResultActions answer = postLead(body).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message", containsString(allowed)));
        if (value != null) {
            answer.andExpect(jsonPath("$.errors[0].value").value(value));
        }
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void unknownFieldsAndActivityTypesAreNamed() throws Exception {
        String id = createLead("{\"email\":\"unknown-fields@example.org\"}");
        Counts before = counts();
        postLead("{\"email\":\"x@example.org\",\"stage\":\"SQL\",\"owner\":\"alice\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("stage"))
                .andExpect(jsonPath("$.errors[0].message").value("is not a known field"));
        postActivity(id, "{\"type\":\"PAGE_VIEW\",\"points\":1000}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("points"));
        postActivity(id, "{\"type\":\"MIND_READING\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("type"))
                .andExpect(jsonPath("$.errors[0].value").value("MIND_READING"))
                .andExpect(jsonPath("$.errors[0].message", containsString("PAGE_VIEW, PRICING_PAGE_VIEW")));
        postActivity(id, "{\"type\":\"page_view\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("type"));
        postActivity(id, "{\"type\":\"PAGE_VIEW\",\"occurredAt\":\"yesterday\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("occurredAt"))
                .andExpect(jsonPath("$.errors[0].message", containsString("ISO-8601")));
        postActivity(id, "{\"type\":\"PAGE_VIEW\",\"properties\":[\"a\"]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("properties"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a JSON object"));
        postActivity(id, "{}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("type"));
        assertThat(counts()).isEqualTo(before);
    }

    // --- size ---

    @Test
    void bodiesOverTheStatedLimitsGet413AndNothingChanges() throws Exception {
        Counts before = counts();
        String padding = "x".repeat(64 * 1024);
        postLead("{\"email\":\"big@example.org\",\"company\":\"" + padding + "\"}")
                .andExpect(status().isPayloadTooLarge())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.detail").value("The request body is larger than 64 KB, the most this call "
                        + "takes"))
                .andExpect(jsonPath("$.limit").value(64 * 1024));
        String id = createLead("{\"email\":\"big-activity@example.org\"}");
        Counts afterLead = counts();
        postActivity(id, "{\"type\":\"PAGE_VIEW\",\"properties\":{\"url\":\"" + padding + "\"}}")
                .andExpect(status().isPayloadTooLarge());
        byte[] csv = ("email,company\n" + ("a@example.org," + "y".repeat(1000) + "\n").repeat(5_300))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(csv.length).isGreaterThan(5 * 1024 * 1024);
        mvc.perform(withKey(post("/api/leads/import")).contentType("text/csv").content(csv))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.detail", containsString("5 MB")));
        // bodies sent without a length, and model uploads: OversizedBodyServerTest, on a real server
        assertThat(counts()).isEqualTo(afterLead);
        assertThat(afterLead.leads()).isEqualTo(before.leads() + 1);
    }

    // --- emails and countries ---

    @ParameterizedTest(name = "email {0}")
    @ValueSource(strings = {"not-an-email", "ana@", "@example.org", "ana@example", "ana example@example.org",
        "ana@@example.org", "ana@example.org\\r\\nBcc: all@example.org", "<script>@example.org", "   "})
    void invalidEmailsAreRefused(String email) throws Exception {
        Counts before = counts();
        postLead("{\"email\":\"" + email + "\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("email")));
        assertThat(counts()).isEqualTo(before);
    }

    @ParameterizedTest(name = "country {0}")
    @ValueSource(strings = {"XX", "Germany", "DEU", "D", "", "U$", "de\\u0000"})
    void invalidCountriesAreRefusedWithWhatIsAllowed(String country) throws Exception {
        Counts before = counts();
        postLead("{\"email\":\"country@example.org\",\"country\":\"" + country + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("country"))
                .andExpect(jsonPath("$.errors[0].message").value(
                        "must be an ISO 3166-1 alpha-2 country code, e.g. DE or US"));
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void lineBreaksInNamesAreRefusedSoTheyCannotReachAMailHeader() throws Exception {
        Counts before = counts();
        postLead("{\"email\":\"crlf@example.org\",\"firstName\":\"Ana\\r\\nBcc: everyone@example.org\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("firstName"))
                .andExpect(jsonPath("$.errors[0].message").value(
                        "must be one line of text, without line breaks or control characters"));
        assertThat(counts()).isEqualTo(before);
    }

    // --- CSV ---

    @Test
    void csvWithBrokenQuotingIsRefusedWholeAndNothingIsStored() throws Exception {
        Counts before = counts();
        importCsv("""
                email,firstName,company
                good@csv-hostile.example,Gus,Fine Co
                broken@csv-hostile.example,"Bro,Ken Co
                after@csv-hostile.example,Al,After Co
                """.getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("line"))
                .andExpect(jsonPath("$.errors[0].value").value(3))
                .andExpect(jsonPath("$.errors[0].message", containsString("Nothing was imported")));
        importCsv("email,company\n\"good@csv-hostile.example\"x,Co\n".getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isBadRequest());
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void csvInAnotherEncodingThanUtf8IsRefusedAndNothingIsStored() throws Exception {
        Counts before = counts();
        String text = "email,lastName\nmueller@csv-hostile.example,Müller\n";
        importCsv(text.getBytes(StandardCharsets.ISO_8859_1)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"))
                .andExpect(jsonPath("$.errors[0].message", containsString("UTF-8")));
        importCsv(text.getBytes(StandardCharsets.UTF_16)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message", containsString("UTF-8")));
        importCsv(new byte[] {(byte) 0xC3, 0x28, 0x0A}).andExpect(status().isBadRequest());
        assertThat(counts()).isEqualTo(before);
        // the same file in UTF-8 (with a spreadsheet's byte-order mark) is fine
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = Arrays.copyOf(bom, bom.length + utf8.length);
        System.arraycopy(utf8, 0, withBom, bom.length, utf8.length);
        importCsv(withBom).andExpect(status().isOk()).andExpect(jsonPath("$.created").value(1));
        assertThat(jdbc.sql("select last_name from leads where email = 'mueller@csv-hostile.example'")
                .query(String.class).single()).isEqualTo("Müller");
    }

    // --- markup and SQL are text ---

    @Test
    void markupInEveryTextFieldIsShownAsTextOnEveryPageAndInMail() throws Exception {
        Lead lead = leads.upsert(new LeadInput("ext-" + SCRIPT, "xss@hostile.example", SCRIPT, SCRIPT, SCRIPT,
                SCRIPT, 500, SCRIPT, "DE", SCRIPT, null)).lead();
        TestMail.server().purgeEmailFromAllMailboxes();
        leads.recordActivity(lead.id(), new ActivityInput(SCRIPT, ActivityType.DEMO_REQUESTED, null,
                Map.of("url", SCRIPT)));
        runDueJobs();
        String rep = task(lead).getAssignee();
        assertThat(rep).isNotNull();
        MockHttpSession repSession = SignIn.as(mvc, rep);
        MockHttpSession manager = SignIn.as(mvc, "maria");

        List<String> pages = List.of(page("/inbox", repSession), page("/inbox/tasks", repSession),
                page("/leads/" + lead.id(), repSession), page("/tasks/" + task(lead).getId(), repSession),
                page("/dashboard", manager), page("/dashboard/at-risk", manager), page("/notifications", repSession));
        for (String html : pages) {
            assertThat(html).doesNotContain("<script>alert", "<img src=x");
        }
        assertThat(pages.get(0)).contains(SCRIPT_ESCAPED);
        assertThat(pages.get(2)).contains(SCRIPT_ESCAPED);

        // the rep's mail is plain text: the markup is shown as the characters it is, never rendered
        MimeMessage mail = Arrays.stream(TestMail.server().getReceivedMessages())
                .filter(m -> subject(m).startsWith("New lead for you")).findFirst().orElseThrow();
        assertThat(mail.getContentType()).startsWith("text/plain");
        assertThat(mail.getContent().toString()).contains(SCRIPT);
        assertThat(subject(mail)).contains(SCRIPT);

        // the rep's notes of a call, on the lead page
        complete(lead, rep, Map.of("decision", "ACCEPT"));
        complete(lead, rep, Map.of("outcome", "NO_ANSWER", "notes", SCRIPT));
        String leadPage = page("/leads/" + lead.id(), repSession);
        assertThat(leadPage).doesNotContain("<script>alert").contains(SCRIPT_ESCAPED);
    }

    @Test
    void sqlMetacharactersAreStoredAndFoundLiterally() throws Exception {
        Counts before = counts();
        String company = "Robert'); DROP TABLE leads;-- \\ % _ \" ` $1 ?";
        String id = createLead("{\"externalId\":\"%\",\"email\":\"o'brien@hostile.example\",\"lastName\":"
                + "\"O'Brien\",\"company\":" + json(company) + "}");
        // a LIKE wildcard as an id must not find the lead above
        String other = createLead("{\"externalId\":\"_\",\"email\":\"underscore@hostile.example\"}");
        assertThat(other).isNotEqualTo(id);
        mvc.perform(withKey(get("/api/leads/" + id)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.company").value(company))
                .andExpect(jsonPath("$.lastName").value("O'Brien"))
                .andExpect(jsonPath("$.email").value("o'brien@hostile.example"))
                .andExpect(jsonPath("$.externalId").value("%"));
        // the same externalId updates the same lead
        postLead("{\"externalId\":\"%\",\"email\":\"o'brien@hostile.example\",\"jobTitle\":\"' OR '1'='1\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.jobTitle").value("' OR '1'='1"));
        mvc.perform(withKey(get("/api/leads/' OR '1'='1"))).andExpect(status().isNotFound());
        mvc.perform(withKey(post("/api/leads/' OR 1=1 --/activities")).content("{\"type\":\"PAGE_VIEW\"}"))
                .andExpect(status().isNotFound());
        assertThat(counts().leads()).isEqualTo(before.leads() + 2);
        assertThat(jdbc.sql("select company from leads where id = ?").param(id).query(String.class).single())
                .isEqualTo(company);
    }

    // --- helpers ---

    /** What a request could change. */
    record Counts(long leads, long activities, long handoffs, long historicHandoffs) {
    }

    private Counts counts() {
        return new Counts(count("select count(*) from leads"), count("select count(*) from lead_activities"),
                runtime.createProcessInstanceQuery().count(),
                engine.getHistoryService().createHistoricProcessInstanceQuery().count());
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static MockHttpServletRequestBuilder withKey(MockHttpServletRequestBuilder request) {
        return request.header("Authorization", "Bearer test-key").contentType(MediaType.APPLICATION_JSON);
    }

    private ResultActions postLead(String body) throws Exception {
        return mvc.perform(withKey(post("/api/leads")).content(body));
    }

    private ResultActions postActivity(String leadId, String body) throws Exception {
        return mvc.perform(withKey(post("/api/leads/" + leadId + "/activities")).content(body));
    }

    private ResultActions importCsv(byte[] body) throws Exception {
        return mvc.perform(post("/api/leads/import").header("Authorization", "Bearer test-key")
                .contentType("text/csv").content(body));
    }

    private String createLead(String body) throws Exception {
        String answer = postLead(body).andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/leads/")))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(answer, "$.id");
    }

    private String page(String path, MockHttpSession session) throws Exception {
        return mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
