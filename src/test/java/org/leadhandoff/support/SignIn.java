package org.leadhandoff.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Signs a demo user in through the real sign-in form and hands back their session, as a browser would keep it. */
public final class SignIn {

    private SignIn() {
    }

    public static MockHttpSession as(MockMvc mvc, String user) throws Exception {
        MvcResult result = mvc.perform(formLogin().user(user).password("demo")).andReturn();
        if (result.getResponse().getRedirectedUrl() == null || result.getResponse().getRedirectedUrl().contains("error")) {
            throw new IllegalStateException(user + " could not sign in: " + result.getResponse().getRedirectedUrl());
        }
        return (MockHttpSession) result.getRequest().getSession(false);
    }
}
