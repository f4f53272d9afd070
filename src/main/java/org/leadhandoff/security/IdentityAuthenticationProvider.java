package org.leadhandoff.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import java.time.Duration;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Signs people in against Camunda's identity service (salted, hashed passwords), so Lead
 * Handoff, Cockpit and Tasklist share one set of users. Groups become {@code GROUP_<id>}
 * authorities and the role groups become {@code ROLE_*}. Too many wrong passwords for one user
 * from one address lock that pair for a while ({@link SignInThrottle}), for the sign-in form and
 * HTTP Basic alike.
 */
@Component
class IdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;
    private final SignInThrottle throttle;

    IdentityAuthenticationProvider(IdentityService identity, SignInThrottle throttle) {
        this.identity = identity;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : null;
        Duration locked = throttle.remainingLock(user, address);
        if (locked != null) {
            // rounded up: "1 minute" until the very end
            throw new SignInLocked(locked.plusSeconds(59).toMinutes());
        }
        if (user == null || credentials == null || !identity.checkPassword(user, credentials.toString())) {
            throttle.failed(user, address);
            throw new BadCredentialsException("Wrong user name or password");
        }
        throttle.succeeded(user, address);
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
