package org.leadhandoff.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in throttling: after {@code maxFailures} wrong passwords in a row for one user from one
 * address, that user cannot sign in from that address for {@code lockFor}.
 */
@ConfigurationProperties("handoff.security.sign-in")
record SignInProperties(@DefaultValue("5") int maxFailures, @DefaultValue("PT15M") Duration lockFor) {
}
