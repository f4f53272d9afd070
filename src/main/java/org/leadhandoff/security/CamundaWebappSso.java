package org.leadhandoff.security;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Single sign-on for Cockpit, Tasklist and Admin: the person Spring Security signed in is the
 * person the Camunda webapps see, and the apps they are offered follow their role (reps get
 * Tasklist only). Runs after Spring Security's filter chain on {@code /camunda/app/*} and
 * {@code /camunda/api/*}.
 */
class CamundaWebappSso extends ContainerBasedAuthenticationFilter {

    static final String COCKPIT = "cockpit";
    static final String TASKLIST = "tasklist";
    static final String ADMIN_APP = "admin";

    @Override
    public void init(FilterConfig config) {
        // the provider is ours, not a class name to instantiate reflectively
        authenticationProvider = new SpringSecurityUser();
    }

    @Override
    protected UserAuthentication createAuthentication(ProcessEngine engine, String user, List<String> groups,
            List<String> tenants) {
        UserAuthentication authentication = super.createAuthentication(engine, user, groups, tenants);
        if (authentication != null) {
            authentication.setAuthorizedApps(appsFor(authorities()));
        }
        return authentication;
    }

    /** The Camunda webapps a person may open: Cockpit for ops, Admin for admins, Tasklist for sales. */
    static Set<String> appsFor(List<String> authorities) {
        Set<String> apps = new LinkedHashSet<>();
        apps.add("welcome");
        if (authorities.contains("ROLE_" + Roles.OPS_ROLE) || authorities.contains("ROLE_" + Roles.ADMIN)) {
            apps.add(COCKPIT);
        }
        if (authorities.contains("ROLE_" + Roles.ADMIN)) {
            apps.add(ADMIN_APP);
        }
        if (authorities.contains("ROLE_" + Roles.REP) || authorities.contains("ROLE_" + Roles.MANAGER)
                || authorities.contains("ROLE_" + Roles.ADMIN)) {
            apps.add(TASKLIST);
        }
        return apps;
    }

    private static List<String> authorities() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? List.of() : auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    /** Reads the signed-in person from Spring Security's context, groups from their authorities. */
    static class SpringSecurityUser implements AuthenticationProvider {

        @Override
        public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
                return AuthenticationResult.unsuccessful();
            }
            AuthenticationResult result = AuthenticationResult.successful(auth.getName());
            result.setGroups(authorities().stream().filter(a -> a.startsWith("GROUP_")).map(a -> a.substring(6))
                    .toList());
            return result;
        }

        @Override
        public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
            // Spring Security already sent people to the sign-in page; nothing to add
        }
    }
}
