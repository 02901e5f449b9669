package org.dndguard.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import org.camunda.bpm.engine.IdentityService;
import org.dndguard.web.CamundaIdentityAuthenticationProvider;
import org.dndguard.web.ProblemAccessDeniedHandler;
import org.dndguard.web.ProblemAuthenticationEntryPoint;
import org.dndguard.web.ProblemRequestRejectedHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.CompositeRequestRejectedHandler;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.ObservationMarkingRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Security of DND Guard's own paths: {@code /api/**} needs HTTP Basic against Camunda's users;
 * {@code /webhooks/**} is open to the network, each webhook checking its provider's signature.
 * The chain matches these paths only; the host application secures everything else. A missing or
 * wrong login is answered 401 with a {@code WWW-Authenticate} challenge, a refused one 403, both as
 * problem+json like every other error of the API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
class SecurityConfiguration {

  /** The realm of the HTTP Basic challenge on {@code /api}. */
  static final String REALM = "DND Guard";

  @Bean
  @ConditionalOnMissingBean
  CamundaIdentityAuthenticationProvider dndCamundaIdentityAuthenticationProvider(IdentityService identityService) {
    return new CamundaIdentityAuthenticationProvider(identityService);
  }

  /**
   * Requests that Spring Security's firewall rejects are problems on DND Guard's paths too; other
   * paths get Spring Security's default answer. Spring Security uses a single handler bean, so a
   * host's own replaces this one.
   */
  @Bean
  @ConditionalOnMissingBean(RequestRejectedHandler.class)
  RequestRejectedHandler dndRequestRejectedHandler(ObjectProvider<ObservationRegistry> observations) {
    // what Spring Security does without a handler bean: mark the observation, answer 400
    return new CompositeRequestRejectedHandler(
        new ObservationMarkingRequestRejectedHandler(observations.getIfAvailable(() -> ObservationRegistry.NOOP)),
        new ProblemRequestRejectedHandler(new HttpStatusRequestRejectedHandler()));
  }

  /**
   * Webhooks carry no login, only their provider's signature, which the webhook itself checks; a
   * chain of their own without HTTP Basic, so that a stray {@code Authorization} header (some
   * gateways add one) is not taken for a failed login.
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 9)
  @ConditionalOnMissingBean(name = "dndWebhookSecurityFilterChain")
  SecurityFilterChain dndWebhookSecurityFilterChain(HttpSecurity http) throws Exception {
    return http
        .securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/webhooks/**"))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /**
   * The one-click unsubscribe links of outbox e-mail are public: the token is the proof, and a mail
   * client's POST carries no login and no CSRF token (RFC 8058).
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 8)
  @ConditionalOnMissingBean(name = "dndUnsubscribeSecurityFilterChain")
  SecurityFilterChain dndUnsubscribeSecurityFilterChain(HttpSecurity http, DndProperties properties)
      throws Exception {
    return http
        .securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(properties.unsubscribe().path() + "/**"))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 10)
  @ConditionalOnMissingBean(name = "dndSecurityFilterChain")
  SecurityFilterChain dndSecurityFilterChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider)
      throws Exception {
    ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(REALM);
    return http
        .securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
        .authenticationProvider(provider)
        .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
        .exceptionHandling(errors -> errors
            .authenticationEntryPoint(entryPoint)
            .accessDeniedHandler(new ProblemAccessDeniedHandler()))
        // a stateless API: no session, no CSRF token to carry
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }
}
