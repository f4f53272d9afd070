package org.leadhandoff.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.util.unit.DataSize;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Four doors: the REST API (API key, HTTP Basic or the browser session), Camunda's engine REST
 * (HTTP Basic, admins only), Actuator (health open, the rest for ops) and the pages (form login
 * with CSRF), whose sign-in also opens Camunda's webapps. README "Who may call what" lists every
 * endpoint; {@code AccessWalkTest} holds this class to it.
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
                HttpStatus.UNAUTHORIZED, e instanceof LockedException ? e.getMessage()
                        : "Sign in with HTTP Basic or send Authorization: Bearer <api key>");
        AccessDeniedHandler forbidden = (request, response, e) -> problem(json, response, HttpStatus.FORBIDDEN,
                e.getMessage() == null || e.getMessage().equals("Access Denied")
                        ? "Your role may not do this" : e.getMessage());
        http.securityMatcher("/api/**")
                .authenticationManager(auth)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/leads", "/api/leads/import", "/api/leads/*/activities")
                        .hasRole(Roles.INTEGRATION)
                        // the owning rep and the team's managers (checked again per lead); ops and admins never
                        .requestMatchers(HttpMethod.GET, "/api/leads/*")
                        .hasAnyRole(Roles.INTEGRATION, Roles.REP, Roles.MANAGER)
                        .requestMatchers("/api/tasks", "/api/tasks/**").hasAnyRole(Roles.REP, Roles.MANAGER)
                        .requestMatchers("/api/sla/**", "/api/reps", "/api/reps/**").hasRole(Roles.MANAGER)
                        .requestMatchers("/api/ops/**").hasRole(Roles.OPS_ROLE)
                        // issue 4a: team business calendars (the managers of the team, checked again per team)
                        .requestMatchers("/api/teams/*/calendar").hasRole(Roles.MANAGER)
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

    /**
     * Actuator: health for everyone (load balancers), metrics and the rest for ops and admins, with
     * HTTP Basic for a Prometheus scraper or their browser session.
     */
    @Bean
    @Order(3)
    SecurityFilterChain actuator(HttpSecurity http, AuthenticationManager auth) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"))
                .authenticationManager(auth)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasAnyRole(Roles.OPS_ROLE, Roles.ADMIN))
                .httpBasic(b -> { })
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain pages(HttpSecurity http, AuthenticationManager auth) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        RequestMatcher camunda = path.matcher("/camunda/**");
        RequestMatcher camundaApi = path.matcher("/camunda/api/**");
        RequestMatcher swagger = new OrRequestMatcher(path.matcher("/swagger-ui/**"), path.matcher("/v3/api-docs/**"));
        http.authenticationManager(auth)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/error",
                                "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**", "/v3/api-docs.yaml", "/webjars/**", "/css/**",
                                "/js/**", "/favicon.ico", "/favicon.svg")
                        .permitAll()
                        .requestMatchers("/inbox", "/inbox/**", "/tasks/**", "/leads/**")
                        .hasAnyRole(Roles.REP, Roles.MANAGER)
                        .requestMatchers("/escalations", "/dashboard", "/dashboard/**").hasRole(Roles.MANAGER)
                        // issue 4b: the reps page
                        .requestMatchers("/reps", "/reps/**").hasRole(Roles.MANAGER)
                        // operations: models, live diagram, migration, incidents (issue 7)
                        .requestMatchers("/ops", "/ops/**").hasRole(Roles.OPS_ROLE)
                        // the webapps ask who is signed in here, whatever app they belong to
                        // (path matchers: the webapps' APIs are Jersey servlets, not Spring MVC)
                        .requestMatchers(path.matcher("/camunda/api/admin/auth/**")).authenticated()
                        .requestMatchers(path.matcher("/camunda/app/cockpit/**"), path.matcher("/camunda/api/cockpit/**"))
                        .hasAnyRole(Roles.OPS_ROLE, Roles.ADMIN)
                        .requestMatchers(path.matcher("/camunda/app/admin/**"), path.matcher("/camunda/api/admin/**"))
                        .hasRole(Roles.ADMIN)
                        .requestMatchers(path.matcher("/camunda/app/tasklist/**"),
                                path.matcher("/camunda/api/tasklist/**"))
                        .hasAnyRole(Roles.REP, Roles.MANAGER, Roles.ADMIN)
                        // the webapps' engine API checks no ownership (Camunda authorizations are off): sales
                        // may read and query through Tasklist, but complete, claim and change only on our
                        // own pages, where ownership and the form rules are checked
                        .requestMatchers(SecurityConfig::engineApiChange).hasAnyRole(Roles.OPS_ROLE, Roles.ADMIN)
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").permitAll().failureHandler(signInFailed()))
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                // Camunda's webapps bring their own CSRF protection
                .csrf(c -> c.ignoringRequestMatchers(camunda))
                .headers(h -> h
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        // our pages load scripts and styles from this origin only; Camunda's webapps and
                        // Swagger UI send or need their own policies
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(new OrRequestMatcher(camunda, swagger)),
                                new ContentSecurityPolicyHeaderWriter(PAGE_POLICY))))
                .exceptionHandling(e -> e.authenticationEntryPoint(signIn(camundaApi)));
        return http.build();
    }

    /** The read-only queries Tasklist sends as POST (a filter's list and count, task and history queries). */
    private static final java.util.regex.Pattern ENGINE_QUERY = java.util.regex.Pattern.compile(
            "/camunda/api/engine/engine/[^/]+/(filter/[^/]+/(list|count)|task(/count)?|history/[^/]+(/count)?)");

    /** A call through the webapps' engine API that changes something. */
    static boolean engineApiChange(jakarta.servlet.http.HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/camunda/api/engine/")) {
            return false;
        }
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return false;
        }
        return !(method.equals("POST") && ENGINE_QUERY.matcher(path).matches());
    }

    /** A locked sign-in says so (and for how long, kept in the session) instead of "wrong password". */
    private static AuthenticationFailureHandler signInFailed() {
        SimpleUrlAuthenticationFailureHandler wrongPassword = new SimpleUrlAuthenticationFailureHandler("/login?error");
        SimpleUrlAuthenticationFailureHandler locked = new SimpleUrlAuthenticationFailureHandler("/login?locked");
        return (request, response, e) -> (e instanceof SignInLocked ? locked : wrongPassword)
                .onAuthenticationFailure(request, response, e);
    }

    /** The policy of our own pages: nothing inline, nothing from elsewhere. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /**
     * People are sent to the sign-in page; the Camunda webapps' own calls get a plain 401, and an
     * htmx refresh whose session ended asks htmx to load the sign-in page instead of swapping it in.
     */
    private static AuthenticationEntryPoint signIn(RequestMatcher camundaApi) {
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
        entryPoints.put(camundaApi, new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED));
        entryPoints.put(request -> request.getHeader("HX-Request") != null, (request, response, e) -> {
            response.setHeader("HX-Redirect", request.getContextPath() + "/login");
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
        });
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
        entryPoint.setDefaultEntryPoint(login);
        return entryPoint;
    }

    /**
     * Cockpit, Tasklist and Admin take the person Spring Security signed in: no second sign-in. Ordered
     * after Spring Security's filter chain and before the webapps' own filters.
     */
    @Bean
    FilterRegistrationBean<CamundaWebappSso> camundaWebappSso() {
        FilterRegistrationBean<CamundaWebappSso> registration = new FilterRegistrationBean<>(new CamundaWebappSso());
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** Bodies above the stated limits are refused before anything reads them (README "Hostile input"). */
    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(ObjectMapper json,
            @Value("${handoff.security.max-body-size:64KB}") DataSize maxBody) {
        FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
                new RequestSizeLimit(maxBody.toBytes(), json));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
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
