package org.dndguard.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.dndguard.web.internal.DndApiFilter;
import org.dndguard.engine.internal.EngineIdentity;
import org.dndguard.web.DndAuthorization;
import org.dndguard.web.internal.DndWebhookFilter;
import org.dndguard.web.internal.ProblemRequestRejectedHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.CompositeRequestRejectedHandler;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.ObservationMarkingRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Security of DND Guard's own paths, and only of those; the host application's security stays as
 * it was (no {@code SecurityFilterChain}, no {@code AuthenticationProvider} bean, so Spring Boot's
 * default chain or the host's own chains are untouched).
 *
 * <p>As Camunda secures {@code /engine-rest} with a servlet filter, the API below
 * {@code dnd.api.base-path} is guarded by {@link DndApiFilter}: HTTP Basic against Camunda's users,
 * then the permission the user's Camunda groups grant ({@link DndAuthorization}). It needs no Spring
 * Security, so the API is not open in a host without it. When the host has Spring Security, its
 * chains are told to leave DND Guard's two base paths to DND Guard (a host's chain would otherwise
 * ask for the host's users, or a CSRF token that a provider's webhook cannot send).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** The realm of the HTTP Basic challenge on the API. */
  static final String REALM = "DND Guard";

  /**
   * Right after Spring Security's filter (order -100), so that a host's security runs first on
   * every other path, and its firewall on every path.
   */
  static final int FILTER_ORDER = -90;

  @Bean
  @ConditionalOnMissingBean
  DndAuthorization dndAuthorization(IdentityService identityService, EngineIdentity engineIdentity,
      DndProperties properties) {
    AuthorizationProperties groups = properties.authorization();
    return new DndAuthorization(identityService, engineIdentity, groups.readerGroups(), groups.operatorGroups(),
        groups.removalGroups());
  }

  /** One warning at start when Camunda's authorization is off (group membership decides DND permissions). */
  @Bean
  CamundaAuthorizationWarning dndCamundaAuthorizationWarning(ProcessEngine engine) {
    return new CamundaAuthorizationWarning(engine);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class Filters {

    @Bean
    @ConditionalOnProperty(prefix = "dnd.api", name = "enabled", havingValue = "true", matchIfMissing = true)
    @ConditionalOnMissingBean(name = "dndApiFilter")
    FilterRegistrationBean<DndApiFilter> dndApiFilter(IdentityService identityService,
        DndAuthorization authorization, DndProperties properties) {
      FilterRegistrationBean<DndApiFilter> registration = new FilterRegistrationBean<>(
          new DndApiFilter(identityService, authorization, REALM,
              properties.api().maxBodySize().toBytes()));
      registration.addUrlPatterns(properties.api().basePath() + "/*");
      registration.setOrder(FILTER_ORDER);
      registration.setName("dndApiFilter");
      return registration;
    }

    @Bean
    @ConditionalOnProperty(prefix = "dnd.webhooks", name = "enabled", havingValue = "true", matchIfMissing = true)
    @ConditionalOnMissingBean(name = "dndWebhookFilter")
    FilterRegistrationBean<DndWebhookFilter> dndWebhookFilter(DndProperties properties) {
      FilterRegistrationBean<DndWebhookFilter> registration = new FilterRegistrationBean<>(new DndWebhookFilter());
      registration.addUrlPatterns(properties.webhooks().basePath() + "/*");
      registration.setOrder(FILTER_ORDER);
      registration.setName("dndWebhookFilter");
      return registration;
    }
  }

  /** When the host has Spring Security: DND Guard's paths are left to DND Guard's filters. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(WebSecurityCustomizer.class)
  static class WithSpringSecurity {

    /**
     * The host's chains skip DND Guard's base paths: DND Guard authenticates its API itself, and
     * webhooks are signed by their providers; the one-click unsubscribe links of outbox e-mail are
     * public, the token being the proof (a mail client's POST carries no login and no CSRF token,
     * RFC 8058). Spring Security logs a warning about ignored paths
     * at start; it is expected. A host that wants its own chain in front defines a bean of this name.
     */
    @Bean
    @ConditionalOnMissingBean(name = "dndWebSecurityCustomizer")
    WebSecurityCustomizer dndWebSecurityCustomizer(DndProperties properties) {
      return web -> web.ignoring().requestMatchers(
          PathPatternRequestMatcher.withDefaults().matcher(properties.api().basePath() + "/**"),
          PathPatternRequestMatcher.withDefaults().matcher(properties.webhooks().basePath() + "/**"),
          PathPatternRequestMatcher.withDefaults().matcher(properties.unsubscribe().path() + "/**"));
    }

    /**
     * Requests that Spring Security's firewall rejects are problems on DND Guard's paths too; other
     * paths get Spring Security's default answer. Spring Security uses a single handler bean, so a
     * host's own replaces this one.
     */
    @Bean
    @ConditionalOnMissingBean(RequestRejectedHandler.class)
    RequestRejectedHandler dndRequestRejectedHandler(ObjectProvider<ObservationRegistry> observations,
        DndProperties properties) {
      // what Spring Security does without a handler bean: mark the observation, answer 400
      return new CompositeRequestRejectedHandler(
          new ObservationMarkingRequestRejectedHandler(observations.getIfAvailable(() -> ObservationRegistry.NOOP)),
          new ProblemRequestRejectedHandler(new HttpStatusRequestRejectedHandler(),
              List.of(properties.api().basePath(), properties.webhooks().basePath())));
    }
  }
}
