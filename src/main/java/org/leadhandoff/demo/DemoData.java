package org.leadhandoff.demo;

import java.time.DayOfWeek;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.leadhandoff.routing.SalesTeams;
import org.leadhandoff.security.Roles;
import org.leadhandoff.sla.TeamCalendar;
import org.leadhandoff.sla.TeamCalendarService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo users, groups and teams of CONTRACT.md (password {@code demo} each) when
 * {@code handoff.demo.enabled} is true. Idempotent: what exists is left alone.
 */
@Component
@Order(0)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String PASSWORD = "demo";

    private record DemoUser(String id, String first, String last, List<String> groups) {
    }

    private static final List<DemoUser> USERS = List.of(
            new DemoUser("alice", "Alice", "Adams", List.of(Roles.REPS, Roles.teamGroup("emea"))),
            new DemoUser("bob", "Bob", "Brown", List.of(Roles.REPS, Roles.teamGroup("emea"))),
            new DemoUser("carol", "Carol", "Clark", List.of(Roles.REPS, Roles.teamGroup("amer"))),
            new DemoUser("dave", "Dave", "Davis", List.of(Roles.REPS, Roles.teamGroup("amer"))),
            new DemoUser("maria", "Maria", "Martinez",
                    List.of(Roles.MANAGERS, Roles.teamGroup("emea"), Roles.teamGroup("amer"))),
            new DemoUser("oscar", "Oscar", "Olsen", List.of(Roles.OPS)),
            new DemoUser("admin", "Admin", "Istrator", List.of(Roles.ADMINS)));

    private final DemoProperties properties;
    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final SalesTeams teams;
    private final TeamCalendarService calendars;

    DemoData(DemoProperties properties, IdentityService identity, AuthorizationService authorizations,
            SalesTeams teams, TeamCalendarService calendars) {
        this.calendars = calendars;
        this.properties = properties;
        this.identity = identity;
        this.authorizations = authorizations;
        this.teams = teams;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()) {
            return;
        }
        group(Roles.REPS, "Sales reps", "WORKFLOW");
        group(Roles.MANAGERS, "Sales managers", "WORKFLOW");
        group(Roles.OPS, "Operations", "WORKFLOW");
        group(Roles.teamGroup("emea"), "Team EMEA", "WORKFLOW");
        group(Roles.teamGroup("amer"), "Team AMER", "WORKFLOW");
        if (group(Roles.ADMINS, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM)) {
            grantAll(Roles.ADMINS);
        }
        for (DemoUser u : USERS) {
            if (identity.createUserQuery().userId(u.id()).count() == 0) {
                User user = identity.newUser(u.id());
                user.setFirstName(u.first());
                user.setLastName(u.last());
                user.setEmail(u.id() + "@example.com");
                user.setPassword(PASSWORD);
                identity.saveUser(user);
                u.groups().forEach(g -> identity.createMembership(u.id(), g));
            }
        }
        teams.defineTeam("emea", "EMEA", "Europe/Berlin", "maria");
        teams.defineTeam("amer", "AMER", "America/New_York", "maria");
        for (String rep : List.of("alice", "bob")) {
            teams.defineRep(rep, "emea", 1, 50);
        }
        for (String rep : List.of("carol", "dave")) {
            teams.defineRep(rep, "amer", 1, 50);
        }
        // the contract's team calendars (time zones are the teams' own): Monday to Friday, no holidays
        calendars.defineIfAbsent("emea", weekdays("09:00", "18:00"));
        calendars.defineIfAbsent("amer", weekdays("09:00", "17:00"));
        log.info("Demo users ready: alice, bob (emea), carol, dave (amer), maria (manager), oscar (ops), admin;"
                + " password 'demo'");
    }

    private static List<TeamCalendar.Hours> weekdays(String from, String to) {
        return Stream.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY).map(d -> new TeamCalendar.Hours(d, from, to)).toList();
    }

    private boolean group(String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).count() > 0) {
            return false;
        }
        Group group = identity.newGroup(id);
        group.setName(name);
        group.setType(type);
        identity.saveGroup(group);
        return true;
    }

    private void grantAll(String groupId) {
        for (Resource resource : Resources.values()) {
            Authorization auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            auth.setGroupId(groupId);
            auth.setResource(resource);
            auth.setResourceId(Authorization.ANY);
            auth.addPermission(Permissions.ALL);
            authorizations.saveAuthorization(auth);
        }
    }
}
