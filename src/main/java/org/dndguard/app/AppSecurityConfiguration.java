package org.dndguard.app;

import org.camunda.bpm.engine.IdentityService;
import org.dndguard.web.internal.CamundaIdentityAuthenticationProvider;
import org.dndguard.web.internal.ProblemAccessDeniedHandler;
import org.dndguard.web.internal.ProblemAuthenticationEntryPoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The reference application's security beyond DND Guard's own paths: Camunda's REST API needs HTTP
 * Basic against Camunda's users, and runs as that user in the engine, so that Camunda's authorizations
 * apply ({@code camunda.bpm.authorization.enabled=true}); Cockpit, Tasklist and Admin keep their own login; health, the
 * OpenAPI document and Swagger UI are open.
 */
@Configuration(proxyBeanMethods = false)
class AppSecurityConfiguration {

  @Bean
  @Order(20)
  SecurityFilterChain engineRestSecurity(HttpSecurity http, IdentityService identityService) throws Exception {
    // this chain's own provider, not a bean: a provider bean would become every chain's
    ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint("Camunda REST API");
    return http
        // a path matcher, not an MVC one: the REST API is Jersey's servlet, not Spring MVC's
        .securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/engine-rest/**"))
        .authenticationProvider(new CamundaIdentityAuthenticationProvider(identityService))
        .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
        // the logged-in user is Camunda's authenticated user while the request runs: Camunda's
        // authorization (camunda.bpm.authorization.enabled) checks what it does
        .addFilterAfter(new EngineRestAuthentication(identityService), AuthorizationFilter.class)
        // the same 401 as DND Guard's API: a challenge and a problem+json body
        .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
        .exceptionHandling(errors -> errors
            .authenticationEntryPoint(entryPoint)
            .accessDeniedHandler(new ProblemAccessDeniedHandler()))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /** Everything else: the Camunda web applications secure themselves (login, CSRF); health is public. */
  @Bean
  @Order(100)
  SecurityFilterChain openSecurity(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
            .requestMatchers("/actuator/**").denyAll()
            .anyRequest().permitAll())
        // the Camunda web applications carry their own CSRF protection
        .csrf(csrf -> csrf.disable())
        .build();
  }
}
