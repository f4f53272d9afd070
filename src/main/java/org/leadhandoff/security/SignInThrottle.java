package org.leadhandoff.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per user and client address and locks that pair after too many, so a
 * password cannot be guessed from one address, while the same user signing in from elsewhere (and
 * everyone else) is not locked out by someone else's guessing. Kept in memory per node: a restart
 * forgets the counts, and each node of a cluster counts on its own.
 */
@Component
class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    /** Beyond this many tracked pairs the ones no longer locked are dropped (bounds memory under a spray). */
    private static final int MAX_TRACKED = 10_000;

    private final SignInProperties properties;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    SignInThrottle(SignInProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    private record Failures(int count, Instant lockedUntil) {
    }

    /** How much longer the pair stays locked; null when it is not locked. */
    Duration remainingLock(String user, String address) {
        Failures f = failures.get(key(user, address));
        Instant now = clock.instant();
        return f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())
                ? Duration.between(now, f.lockedUntil()) : null;
    }

    void failed(String user, String address) {
        Instant now = clock.instant();
        Failures after = failures.compute(key(user, address), (k, f) -> {
            int count = f == null || (f.lockedUntil() != null && !now.isBefore(f.lockedUntil())) ? 1 : f.count() + 1;
            return new Failures(count, count >= properties.maxFailures() ? now.plus(properties.lockFor()) : null);
        });
        if (after.lockedUntil() != null && after.count() == properties.maxFailures()) {
            log.warn("Sign-in for {} from {} locked until {} after {} failures", user, address, after.lockedUntil(),
                    after.count());
        }
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> f.lockedUntil() == null || !now.isBefore(f.lockedUntil()));
        }
    }

    void succeeded(String user, String address) {
        failures.remove(key(user, address));
    }

    private static String key(String user, String address) {
        return (user == null ? "" : user.trim().toLowerCase(Locale.ROOT)) + '\n' + (address == null ? "" : address);
    }
}
