package org.leadhandoff.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** API keys: only the exact key gets in, compared as fixed-length hashes. */
class ApiKeyFilterTest {

    private static final String KEY = "s3cret-integration-key";

    private final ApiKeyFilter filter = new ApiKeyFilter(" other-key , " + KEY + ",", (request, response, e) ->
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, e.getMessage()));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theExactKeyAuthenticatesAsAnIntegration() throws Exception {
        AtomicReference<Authentication> seen = new AtomicReference<>();
        MockHttpServletResponse response = call("Bearer " + KEY, seen);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(seen.get().getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_" + Roles.INTEGRATION);
        assertThat(call("bearer other-key", new AtomicReference<>()).getStatus()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong", "s3cret-integration-ke", "s3cret-integration-key2", "S3CRET-INTEGRATION-KEY",
        "s3cret-integration-key,other-key", "", "\u0000", "s3cret-integration-kéy"})
    void anyOtherKeyIsTurnedAwayBeforeTheApplication(String key) throws Exception {
        AtomicReference<Authentication> seen = new AtomicReference<>();
        MockHttpServletResponse response = call("Bearer " + key, seen);
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(seen.get()).as("the request never reached the application").isNull();
    }

    @Test
    void withoutABearerHeaderTheRequestPassesUnauthenticated() throws Exception {
        AtomicReference<Authentication> seen = new AtomicReference<>();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("POST", "/api/leads"), new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).as("passed on to the next filter").isNotNull();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }

    @Test
    void keysOfAnyLengthAreComparedAsDigestsOfOneLength() {
        // MessageDigest.isEqual is constant-time only for arrays of equal length: hashing first makes
        // every comparison 32 bytes against 32 bytes, so a key's length cannot be probed either
        for (String key : new String[] {"", "x", KEY, "k".repeat(10_000)}) {
            assertThat(ApiKeyFilter.sha256(key)).hasSize(32);
        }
        assertThat(filter.isKnown(KEY)).isTrue();
        assertThat(filter.isKnown("k".repeat(10_000))).isFalse();
        assertThat(new ApiKeyFilter("", null).isKnown("")).isFalse();
    }

    private MockHttpServletResponse call(String authorization, AtomicReference<Authentication> seen) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/leads");
        request.addHeader("Authorization", authorization);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> seen.set(SecurityContextHolder.getContext()
                .getAuthentication()));
        return response;
    }
}
