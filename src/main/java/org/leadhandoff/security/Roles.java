package org.leadhandoff.security;

/** The Camunda groups that give people their roles, and the authorities they become. */
public final class Roles {

    public static final String REPS = "reps";
    public static final String MANAGERS = "managers";
    public static final String OPS = "ops";
    public static final String ADMINS = "camunda-admin";
    /** Members of {@code team-<id>} belong to that team (reps and its managers). */
    public static final String TEAM_GROUP_PREFIX = "team-";

    public static final String REP = "REP";
    public static final String MANAGER = "MANAGER";
    public static final String OPS_ROLE = "OPS";
    public static final String ADMIN = "ADMIN";
    /** A marketing system calling with an API key. */
    public static final String INTEGRATION = "INTEGRATION";

    private Roles() {
    }

    public static String teamGroup(String team) {
        return TEAM_GROUP_PREFIX + team;
    }
}
