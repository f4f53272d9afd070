package org.leadhandoff.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.leadhandoff.support.ProcessTestBase;
import org.leadhandoff.support.SignIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Sign-in, sign-out, the start page of each role, secure headers, and who may open Camunda's webapps. */
class SignInAndHomeTest extends ProcessTestBase {

    @Autowired
    MockMvc mvc;

    @Test
    void pagesAskAnonymousVisitorsToSignInAndTheFormCarriesACsrfToken() throws Exception {
        mvc.perform(get("/inbox")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("http://localhost/login"));
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(view().name("login"))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(containsString("Sign in")));
    }

    @Test
    void aSignInWithoutCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/login").param("username", "alice").param("password", "demo"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aWrongPasswordReturnsToTheFormWithAMessage() throws Exception {
        User user = identity.newUser("wrong-password-" + System.nanoTime());
        user.setPassword("right");
        identity.saveUser(user);
        mvc.perform(formLogin().user(user.getId()).password("wrong"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/login?error"))
                .andExpect(content().string(containsString("Wrong user name or password")));
    }

    @Test
    void eachRoleStartsOnItsOwnPage() throws Exception {
        mvc.perform(get("/").session(SignIn.as(mvc, "alice"))).andExpect(redirectedUrl("/inbox"));
        mvc.perform(get("/").session(SignIn.as(mvc, "maria"))).andExpect(redirectedUrl("/escalations"));
        mvc.perform(get("/").session(SignIn.as(mvc, "oscar")))
                .andExpect(status().isOk())
                .andExpect(view().name("home/links"))
                .andExpect(content().string(containsString("/camunda/app/cockpit/default/")))
                .andExpect(content().string(containsString("/swagger-ui.html")))
                .andExpect(content().string(not(containsString("href=\"/inbox\""))));
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        MockHttpSession session = SignIn.as(mvc, "alice");
        mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
        assertThat(session.isInvalid()).isTrue();
        mvc.perform(get("/inbox").session(new MockHttpSession())).andExpect(status().is3xxRedirection());
    }

    @Test
    void ourPagesSendASecurityPolicyAndCamundasWebappsKeepTheirOwn() throws Exception {
        MockHttpSession session = SignIn.as(mvc, "alice");
        mvc.perform(get("/inbox").session(session))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "same-origin"));
        mvc.perform(get("/camunda/app/tasklist/default/").session(session))
                .andExpect(header().doesNotExist("Content-Security-Policy"));
    }

    @Test
    void repsMayOpenTasklistButNotCockpitOrAdmin() throws Exception {
        MockHttpSession alice = SignIn.as(mvc, "alice");
        mvc.perform(get("/camunda/app/cockpit/default/").session(alice)).andExpect(status().isForbidden());
        mvc.perform(get("/camunda/app/admin/default/").session(alice)).andExpect(status().isForbidden());
        mvc.perform(get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics").session(alice))
                .andExpect(status().isForbidden());
        mvc.perform(get("/camunda/api/admin/auth/user/default").session(alice))
                .andExpect(status().is(not403()));
        mvc.perform(get("/camunda/app/tasklist/default/").session(alice)).andExpect(status().is(not403()));
        MockHttpSession oscar = SignIn.as(mvc, "oscar");
        mvc.perform(get("/camunda/app/cockpit/default/").session(oscar)).andExpect(status().is(not403()));
        mvc.perform(get("/camunda/app/admin/default/").session(oscar)).andExpect(status().isForbidden());
        mvc.perform(get("/camunda/app/admin/default/").session(SignIn.as(mvc, "admin")))
                .andExpect(status().is(not403()));
    }

    @Test
    void theWebappsApiAnswers401NotTheSignInPage() throws Exception {
        mvc.perform(get("/camunda/api/admin/auth/user/default")).andExpect(status().isUnauthorized());
        mvc.perform(get("/inbox/tasks").header("HX-Request", "true"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Redirect", "/login"));
    }

    private static org.hamcrest.Matcher<Integer> not403() {
        return not(403);
    }
}
