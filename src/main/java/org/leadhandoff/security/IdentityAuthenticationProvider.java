package org.leadhandoff.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Signs people in against Camunda's identity service (salted, hashed passwords), so Lead
 * Handoff, Cockpit and Tasklist share one set of users. Groups become {@code GROUP_<id>}
 * authorities and the role groups become {@code ROLE_*}.
 */
@Component
class IdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;

    IdentityAuthenticationProvider(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || credentials == null || !identity.checkPassword(user, credentials.toString())) {
            throw new BadCredentialsException("Wrong user name or password");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities(user));
    }

    List<GrantedAuthority> authorities(String user) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Group group : identity.createGroupQuery().groupMember(user).list()) {
            authorities.add(new SimpleGrantedAuthority("GROUP_" + group.getId()));
            String role = switch (group.getId()) {
                case Roles.REPS -> Roles.REP;
                case Roles.MANAGERS -> Roles.MANAGER;
                case Roles.OPS -> Roles.OPS_ROLE;
                case Roles.ADMINS -> Roles.ADMIN;
                default -> null;
            };
            if (role != null) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
            }
        }
        return authorities;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
