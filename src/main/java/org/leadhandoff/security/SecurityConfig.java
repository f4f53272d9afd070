package org.leadhandoff.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Three doors: the REST API (API key, HTTP Basic or the browser session), Camunda's engine REST
 * (HTTP Basic, admins only) and the pages (form login with CSRF).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    AuthenticationManager authenticationManager(IdentityAuthenticationProvider provider) {
        return new ProviderManager(provider);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager auth, ObjectMapper json,
            @Value("${handoff.api-keys:}") String apiKeys, @Value("${handoff.demo.enabled:true}") boolean demo)
            throws Exception {
        // the contract's demo key works only while demo data is on
        String keys = demo ? apiKeys + ",demo-key" : apiKeys;
        AuthenticationEntryPoint unauthorized = (request, response, e) -> problem(json, response,
                HttpStatus.UNAUTHORIZED, "Sign in with HTTP Basic or send Authorization: Bearer <api key>");
        AccessDeniedHandler forbidden = (request, response, e) -> problem(json, response, HttpStatus.FORBIDDEN,
                e.getMessage() == null || e.getMessage().equals("Access Denied")
                        ? "Your role may not do this" : e.getMessage());
        http.securityMatcher("/api/**")
                .authenticationManager(auth)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/leads", "/api/leads/import", "/api/leads/*/activities")
                        .hasRole(Roles.INTEGRATION)
                        .requestMatchers(HttpMethod.GET, "/api/leads/*").authenticated()
                        .requestMatchers("/api/tasks", "/api/tasks/**").hasAnyRole(Roles.REP, Roles.MANAGER)
                        .requestMatchers("/api/sla/**", "/api/reps", "/api/reps/**").hasRole(Roles.MANAGER)
                        .requestMatchers("/api/ops/**").hasRole(Roles.OPS_ROLE)
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized))
                .addFilterBefore(new ApiKeyFilter(keys, unauthorized), BasicAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                // CSRF guards cookie sessions only: API clients send credentials with every call, and a
                // request without a session has nothing to forge (it gets a plain 401)
                .csrf(c -> c.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null
                        || request.getRequestedSessionId() == null))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain engineRest(HttpSecurity http, AuthenticationManager auth) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/engine-rest/**"))
                .authenticationManager(auth)
                .authorizeHttpRequests(a -> a.anyRequest().hasRole(Roles.ADMIN))
                .httpBasic(b -> { })
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http, AuthenticationManager auth) throws Exception {
        http.authenticationManager(auth)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/error", "/actuator/health", "/actuator/health/**",
                                "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**", "/webjars/**", "/css/**",
                                "/favicon.ico")
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.permitAll())
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                // Camunda's webapps bring their own CSRF protection
                .csrf(c -> c.ignoringRequestMatchers("/camunda/**"));
        return http.build();
    }

    private static void problem(ObjectMapper json, HttpServletResponse response, HttpStatus status, String detail)
            throws java.io.IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"lead-handoff\", Bearer");
        }
        json.writeValue(response.getOutputStream(), Map.of("type", problem.getType().toString(), "title",
                status.getReasonPhrase(), "status", status.value(), "detail", detail));
    }
}
