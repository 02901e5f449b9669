package org.dndguard.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.dndguard.cockpit.ContactSearch;
import org.dndguard.cockpit.DndCockpit;
import org.dndguard.cockpit.SkipCounts;
import org.dndguard.contact.AddressNormalizer;
import org.dndguard.engine.SkipRecords;
import org.dndguard.messaging.Outbox;
import org.dndguard.store.CommunicationCounts;
import org.dndguard.store.AuditTrail;
import org.dndguard.store.ConsentFile;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.store.DndTables;
import org.dndguard.web.DndAuthorization;
import org.dndguard.workflow.ContactInstanceIndex;
import org.dndguard.workflow.WorkflowRemoval;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What DND Guard's Cockpit plugin asks, when the Camunda webapp (Cockpit) is on the class path.
 * The plugin itself is found by Cockpit through {@code META-INF/services}; its resources, which
 * Jersey creates per request, find {@link DndCockpit} in the web application context.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin")
class CockpitConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SkipCounts dndSkipCounts(DndTables tables) {
    return new SkipCounts(tables);
  }

  @Bean
  @ConditionalOnMissingBean
  ContactSearch dndContactSearch(ContactService contacts, AddressNormalizer normalizer) {
    return new ContactSearch(contacts, normalizer);
  }

  @Bean
  @ConditionalOnMissingBean
  DndCockpit dndCockpit(DndService dnd, ContactService contacts, AuditTrail audit, SkipRecords skips,
      SkipCounts skipCounts, ContactSearch search, ObjectProvider<Outbox> outbox,
      ObjectProvider<ContactInstanceIndex> instances, ObjectProvider<WorkflowRemoval> removal, RuntimeService runtime,
      RepositoryService repository, DndAuthorization authorization, ObjectProvider<ObjectMapper> json,
      ConsentFile consentFile, ObjectProvider<CommunicationCounts> limits, DndProperties properties) {
    // messaging and workflow actions may be switched off (dnd.messaging.enabled, dnd.workflows.enabled)
    return new DndCockpit(dnd, contacts, audit, skips, skipCounts, search, outbox.getIfAvailable(),
        instances.getIfAvailable(), removal.getIfAvailable(), runtime, repository, authorization,
        json.getIfAvailable(ObjectMapper::new), consentFile, properties.limits().enabled() ? limits.getIfAvailable() : null);
  }
}
