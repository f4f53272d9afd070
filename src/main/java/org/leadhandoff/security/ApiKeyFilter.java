package org.leadhandoff.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates integrations by {@code Authorization: Bearer <api key>}, comparing keys in constant time. */
class ApiKeyFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final List<byte[]> keys;
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyFilter(String commaSeparatedKeys, AuthenticationEntryPoint entryPoint) {
        this.keys = Arrays.stream(commaSeparatedKeys == null ? new String[0] : commaSeparatedKeys.split(","))
                .map(String::trim)
                .filter(k -> !k.isEmpty())
                .map(k -> k.getBytes(StandardCharsets.UTF_8))
                .toList();
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            byte[] given = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
            boolean known = false;
            for (byte[] key : keys) {
                known |= MessageDigest.isEqual(key, given);
            }
            if (!known) {
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
}
