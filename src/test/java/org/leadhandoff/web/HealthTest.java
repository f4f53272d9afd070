package org.leadhandoff.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.web.servlet.MockMvc;

/** The contract's health answer, also while the mail server is unreachable (mail retries, it does not make us DOWN). */
class HealthTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;
    @Autowired
    JavaMailSenderImpl smtp;

    @AfterEach
    void smtpBack() {
        smtp.setPort(TestMail.port());
    }

    @Test
    void healthIsExactlyUpEvenWithoutAMailServer() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            smtp.setPort(socket.getLocalPort());
        }
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"status\":\"UP\"}", true));
    }
}
