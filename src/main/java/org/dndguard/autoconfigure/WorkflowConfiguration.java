package org.dndguard.autoconfigure;

import javax.sql.DataSource;
import org.dndguard.store.DndSchema;
import org.dndguard.workflow.ContactInstanceIndex;
import org.dndguard.workflow.ContactInstanceIndexPlugin;
import org.dndguard.workflow.WorkflowContact;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The workflow actions: the contact index and its engine plugin. */
@Configuration(proxyBeanMethods = false)
class WorkflowConfiguration {

  @Bean
  @ConditionalOnMissingBean
  WorkflowContact dndWorkflowContact(DndProperties properties) {
    return new WorkflowContact(properties.contactVariable());
  }

  @Bean
  @ConditionalOnMissingBean
  ContactInstanceIndex dndContactInstanceIndex(DataSource dataSource, DndSchema schema) {
    return new ContactInstanceIndex(dataSource, schema);
  }

  /** Collected by the Camunda starter like every ProcessEnginePlugin bean. */
  @Bean
  @ConditionalOnMissingBean
  ContactInstanceIndexPlugin dndContactInstanceIndexPlugin(ContactInstanceIndex index, WorkflowContact contact) {
    return new ContactInstanceIndexPlugin(index, contact);
  }
}
