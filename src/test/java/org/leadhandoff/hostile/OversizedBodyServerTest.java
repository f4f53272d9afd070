package org.leadhandoff.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.leadhandoff.lead.LeadService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Oversized bodies against the real server (Tomcat, the multipart resolver, a body sent in chunks
 * without a length), which MockMvc does not have. The same context as {@code DefaultStartTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:defaults;MODE=LEGACY;DB_CLOSE_DELAY=-1",
    "camunda.bpm.generate-unique-process-engine-name=true",
    "spring.datasource.generate-unique-name=true",
    "camunda.bpm.metrics.db-reporter-activate=false"
})
class OversizedBodyServerTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LeadService leads;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aJsonBodyOver64KbIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        long before = leadCount();
        byte[] body = ("{\"email\":\"chunked@hostile.example\",\"company\":\"" + "x".repeat(100_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        for (HttpRequest.BodyPublisher publisher : new HttpRequest.BodyPublisher[] {
            HttpRequest.BodyPublishers.ofByteArray(body),
            // no length: sent chunked, counted while it is read
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))}) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/leads"))
                    .header("Authorization", "Bearer demo-key").header("Content-Type", "application/json")
                    .POST(publisher).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(answer.body()).contains("larger than 64 KB");
        }
        assertThat(leadCount()).isEqualTo(before);
    }

    @Test
    void aCsvOver5MbSentInChunksIsRefusedAndNothingIsStored() throws Exception {
        long before = leadCount();
        StringBuilder csv = new StringBuilder("email,company\n");
        for (int i = 0; csv.length() <= 5 * 1024 * 1024; i++) {
            csv.append("bulk").append(i).append("@hostile.example,").append("y".repeat(200)).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/leads/import"))
                .header("Authorization", "Bearer demo-key").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("larger than 5 MB");
        assertThat(leadCount()).isEqualTo(before);
    }

    @Test
    void aModelUploadOver1MbIsRefused() throws Exception {
        String boundary = "hostile-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Huge.bpmn\"\r\n"
                + "Content-Type: text/xml\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 1024 * 1024 + 1 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        java.util.Arrays.fill(body, head.length, head.length + 1024 * 1024 + 1, (byte) ' ');
        System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/ops/models"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("oscar:demo".getBytes()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(answer.body()).contains("larger than 1 MB");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private long leadCount() {
        return jdbc.sql("select count(*) from leads").query(Long.class).single();
    }
}
