package org.dndguard.autoconfigure;

import org.camunda.bpm.engine.IdentityService;
import org.dndguard.web.CamundaIdentityAuthenticationProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Security of DND Guard's own paths: {@code /api/**} needs HTTP Basic against Camunda's users;
 * {@code /webhooks/**} is open to the network, each webhook checking its provider's signature.
 * The chain matches these paths only; the host application secures everything else.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
class SecurityConfiguration {

  @Bean
  @ConditionalOnMissingBean
  CamundaIdentityAuthenticationProvider dndCamundaIdentityAuthenticationProvider(IdentityService identityService) {
    return new CamundaIdentityAuthenticationProvider(identityService);
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 10)
  @ConditionalOnMissingBean(name = "dndSecurityFilterChain")
  SecurityFilterChain dndSecurityFilterChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider)
      throws Exception {
    return http
        .securityMatcher(new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/webhooks/**")))
        .authenticationProvider(provider)
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/webhooks/**").permitAll()
            .anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        // stateless API and provider callbacks: no session, no CSRF token to carry
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }
}
