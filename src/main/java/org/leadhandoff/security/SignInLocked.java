package org.leadhandoff.security;

import org.springframework.security.authentication.LockedException;

/** A sign-in refused because this user failed too often from this address; says for how long. */
class SignInLocked extends LockedException {

    private final long minutes;

    SignInLocked(long minutes) {
        super("Too many failed sign-ins for this user from this address. Try again in " + minutes
                + (minutes == 1 ? " minute." : " minutes."));
        this.minutes = minutes;
    }

    long minutes() {
        return minutes;
    }
}
