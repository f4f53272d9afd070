package org.leadhandoff.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates integrations by {@code Authorization: Bearer <api key>}. Only SHA-256 hashes of the
 * keys are kept, and a given key is hashed and compared with every known hash in constant time
 * ({@link MessageDigest#isEqual} over equal-length digests, no early exit), so neither the answer
 * time nor a heap dump tells a caller how much of a key they guessed or how long the keys are.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final List<byte[]> keyHashes;
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyFilter(String commaSeparatedKeys, AuthenticationEntryPoint entryPoint) {
        this.keyHashes = Arrays.stream(commaSeparatedKeys == null ? new String[0] : commaSeparatedKeys.split(","))
                .map(String::trim)
                .filter(k -> !k.isEmpty())
                .map(ApiKeyFilter::sha256)
                .toList();
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            if (!isKnown(header.substring(PREFIX.length()).trim())) {
                SecurityContextHolder.clearContext();
                entryPoint.commence(request, response, new BadCredentialsException("Unknown API key"));
                return;
            }
            var auth = UsernamePasswordAuthenticationToken.authenticated("integration", null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + Roles.INTEGRATION)));
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(auth);
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }

    /** Whether the key is one of ours; looks at every known key whatever the answer. */
    boolean isKnown(String givenKey) {
        byte[] given = sha256(givenKey);
        boolean known = false;
        for (byte[] hash : keyHashes) {
            known |= MessageDigest.isEqual(hash, given);
        }
        return known && !givenKey.isEmpty();
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
