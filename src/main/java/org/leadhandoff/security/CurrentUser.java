package org.leadhandoff.security;

import java.util.List;
import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Who is calling, and what their roles and teams allow. */
@Component
public class CurrentUser {

    public String name() {
        Authentication auth = authentication();
        return auth == null ? null : auth.getName();
    }

    public boolean hasRole(String role) {
        return authorities().contains("ROLE_" + role);
    }

    public boolean isManagerOf(String team) {
        return team != null && hasRole(Roles.MANAGER) && authorities().contains("GROUP_" + Roles.teamGroup(team));
    }

    /** The caller belongs to the team (its reps and managers are members of {@code team-<id>}). */
    public boolean inTeam(String team) {
        return team != null && authorities().contains("GROUP_" + Roles.teamGroup(team));
    }

    /** Camunda groups of the caller (for candidate-group task queries). */
    public List<String> groups() {
        return authorities().stream().filter(a -> a.startsWith("GROUP_")).map(a -> a.substring(6)).toList();
    }

    /** Integrations, the lead's owner and the managers of its team may see a lead. */
    public boolean mayView(String owner, String team) {
        return hasRole(Roles.INTEGRATION) || (owner != null && Objects.equals(owner, name())) || isManagerOf(team);
    }

    private List<String> authorities() {
        Authentication auth = authentication();
        return auth == null ? List.of() : auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    private static Authentication authentication() {
        return SecurityContextHolder.getContext().getAuthentication();
    }
}
