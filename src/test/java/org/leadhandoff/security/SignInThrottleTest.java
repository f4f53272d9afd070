package org.leadhandoff.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadhandoff.support.ProcessTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Guessing a password: five wrong ones for a user from one address lock that user out from that
 * address for 15 minutes (the shipped defaults) with a message that says so; other addresses and
 * other users are not affected, and a success resets the count.
 */
class SignInThrottleTest extends ProcessTestBase {

    private static int users;

    @Autowired
    MockMvc mvc;

    private String user;

    @BeforeEach
    void freshUser() {
        // a user of its own: Camunda also delays a user's next check after a wrong password
        user = "throttled" + (++users) + System.nanoTime() % 100_000;
        User u = identity.newUser(user);
        u.setPassword("right-password");
        u.setEmail(user + "@example.com");
        identity.saveUser(u);
        identity.createMembership(user, Roles.REPS);
    }

    @Test
    void fiveWrongPasswordsLockTheUserFromThatAddressWithAClearMessage() throws Exception {
        for (int i = 0; i < 5; i++) {
            moveClock(Duration.ofMinutes(1)); // past Camunda's own short delay after each failure
            signIn(user, "guess" + i, "10.0.0.1").andExpect(redirectedUrl("/login?error"));
        }
        MockHttpSession session = new MockHttpSession();
        signIn(user, "right-password", "10.0.0.1", session).andExpect(redirectedUrl("/login?locked"));
        mvc.perform(get("/login?locked").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(
                        "Too many failed sign-ins for this user from this address. Try again in 15 minutes.")))
                .andExpect(content().string(not(containsString("Wrong user name or password"))));
        // HTTP Basic goes through the same door
        mvc.perform(get("/api/tasks").with(httpBasic(user, "right-password")).with(from("10.0.0.1")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(containsString("Too many failed sign-ins")));

        // the same user from another address, and another user from the same address, still get in
        moveClock(Duration.ofMinutes(1));
        signIn(user, "right-password", "10.0.0.2").andExpect(redirectedUrl("/"));
        signIn("alice", "demo", "10.0.0.1").andExpect(redirectedUrl("/"));

        moveClock(Duration.ofMinutes(13));
        signIn(user, "right-password", "10.0.0.1").andExpect(redirectedUrl("/login?locked"));
        moveClock(Duration.ofMinutes(1));
        signIn(user, "right-password", "10.0.0.1").andExpect(redirectedUrl("/"));
    }

    @Test
    void aSuccessfulSignInStartsTheCountAfresh() throws Exception {
        for (int i = 0; i < 4; i++) {
            signIn(user, "guess" + i, "10.0.0.3").andExpect(redirectedUrl("/login?error"));
            moveClock(Duration.ofMinutes(1));
        }
        signIn(user, "right-password", "10.0.0.3").andExpect(redirectedUrl("/"));
        for (int i = 0; i < 4; i++) {
            moveClock(Duration.ofMinutes(1));
            signIn(user, "again" + i, "10.0.0.3").andExpect(redirectedUrl("/login?error"));
        }
        moveClock(Duration.ofMinutes(1));
        signIn(user, "right-password", "10.0.0.3").andExpect(redirectedUrl("/"));
    }

    private ResultActions signIn(String name, String password, String address) throws Exception {
        return signIn(name, password, address, new MockHttpSession());
    }

    private ResultActions signIn(String name, String password, String address, MockHttpSession session)
            throws Exception {
        return mvc.perform(post("/login").session(session).param("username", name).param("password", password)
                .with(csrf()).with(from(address)));
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
