package org.dndguard.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.dndguard.cockpit.internal.ContactSearch;
import org.dndguard.cockpit.internal.DndCockpit;
import org.dndguard.cockpit.internal.SkipCounts;
import org.dndguard.contact.internal.AddressNormalizer;
import org.dndguard.engine.SkipRecords;
import org.dndguard.messaging.Outbox;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.internal.ConsentFile;
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
  DndCockpit.ContactReads dndCockpitContactReads(DndService dnd, ContactService contacts, AuditTrail audit,
      ContactSearch search, ConsentFile consentFile, ObjectProvider<CommunicationCounts> limits,
      DndProperties properties) {
    return new DndCockpit.ContactReads(dnd, contacts, audit, search, consentFile,
        properties.limits().counts(limits));
  }

  @Bean
  @ConditionalOnMissingBean
  DndCockpit.ProcessReads dndCockpitProcessReads(SkipRecords skips, SkipCounts skipCounts,
      ObjectProvider<ContactInstanceIndex> instances, RuntimeService runtime, RepositoryService repository) {
    // workflow actions may be switched off (dnd.workflows.enabled)
    return new DndCockpit.ProcessReads(skips, skipCounts, instances.getIfAvailable(), runtime, repository);
  }

  @Bean
  @ConditionalOnMissingBean
  DndCockpit.Actions dndCockpitActions(ObjectProvider<Outbox> outbox, ObjectProvider<WorkflowRemoval> removal) {
    // messaging and workflow actions may be switched off (dnd.messaging.enabled, dnd.workflows.enabled)
    return new DndCockpit.Actions(outbox.getIfAvailable(), removal.getIfAvailable());
  }

  @Bean
  @ConditionalOnMissingBean
  DndCockpit dndCockpit(DndCockpit.ContactReads contactReads, DndCockpit.ProcessReads processReads,
      DndCockpit.Actions actions, DndAuthorization authorization, ObjectProvider<ObjectMapper> json) {
    return new DndCockpit(contactReads, processReads, actions, authorization, json.getIfAvailable(ObjectMapper::new));
  }
}
