package org.dndguard.autoconfigure;

import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.internal.ComplianceReports;
import org.dndguard.store.internal.ConsentFile;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.store.internal.LimitRules;
import org.dndguard.store.ContactService;
import org.dndguard.store.internal.ContactTimeZones;
import org.dndguard.store.DndService;
import org.dndguard.web.internal.ContactController;
import org.dndguard.web.internal.ContactDndController;
import org.dndguard.web.internal.DndOpenApiCustomizer;
import org.dndguard.web.internal.EvidenceController;
import org.dndguard.web.internal.ReportController;
import org.dndguard.web.internal.LimitController;
import org.dndguard.web.internal.ProblemDetailsAdvice;
import org.dndguard.web.internal.UnexpectedErrorResolver;
import org.dndguard.web.internal.UnmatchedRequestResolver;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * DND Guard's HTTP API: the contact and DND controllers, problem+json for their errors, and the
 * OpenAPI additions. Registered here rather than found by component scanning, so that a host
 * application gets them whatever packages it scans, and can replace any of them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ProblemDetailsAdvice dndProblemDetailsAdvice() {
    return new ProblemDetailsAdvice();
  }

  @Bean
  @ConditionalOnMissingBean
  UnmatchedRequestResolver dndUnmatchedRequestResolver() {
    return new UnmatchedRequestResolver();
  }

  @Bean
  @ConditionalOnMissingBean
  UnexpectedErrorResolver dndUnexpectedErrorResolver() {
    return new UnexpectedErrorResolver();
  }

  /** The API's controllers: with {@code dnd.api.enabled} (on by default). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnDndApi
  static class ApiControllers {

    @Bean
    @ConditionalOnMissingBean
    ContactController dndContactController(ContactService contacts, DndService dnd, ContactTimeZones timeZones) {
      return new ContactController(contacts, dnd.clock(), timeZones);
    }

    @Bean
    @ConditionalOnMissingBean
    ContactDndController dndContactDndController(DndService dnd, ContactService contacts, AuditTrail audit) {
      return new ContactDndController(dnd, contacts, audit);
    }

    @Bean
    @ConditionalOnMissingBean
    EvidenceController dndEvidenceController(ConsentFile file, ContactService contacts) {
      return new EvidenceController(file, contacts);
    }

    @Bean
    @ConditionalOnMissingBean
    ReportController dndReportController(ComplianceReports reports) {
      return new ReportController(reports);
    }

    @Bean
    @ConditionalOnMissingBean
    LimitController dndLimitController(LimitRules rules, CommunicationCounts counts, ContactService contacts,
        DndService dnd) {
      return new LimitController(rules, counts, contacts, dnd.clock());
    }
  }

  /** Only when the application serves an OpenAPI document with springdoc. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
  static class OpenApi {

    @Bean
    @ConditionalOnMissingBean
    DndOpenApiCustomizer dndOpenApiCustomizer(DndProperties properties) {
      return new DndOpenApiCustomizer(properties.api().basePath(), properties.webhooks().basePath());
    }
  }
}
