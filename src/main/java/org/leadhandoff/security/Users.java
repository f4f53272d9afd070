package org.leadhandoff.security;

import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Looks people up in Camunda's identity service. */
@Component
public class Users {

    private final IdentityService identity;

    Users(IdentityService identity) {
        this.identity = identity;
    }

    public Optional<String> email(String userId) {
        return Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult()).map(User::getEmail)
                .filter(e -> !e.isBlank());
    }

    public boolean exists(String userId) {
        return identity.createUserQuery().userId(userId).count() == 1;
    }

    /** The ids of every member of a group. */
    public java.util.List<String> groupMembers(String groupId) {
        return identity.createUserQuery().memberOfGroup(groupId).list().stream().map(User::getId).toList();
    }

    /** Email addresses of every member of a group. */
    public java.util.List<String> groupEmails(String groupId) {
        return identity.createUserQuery().memberOfGroup(groupId).list().stream().map(User::getEmail)
                .filter(e -> e != null && !e.isBlank()).toList();
    }
}
