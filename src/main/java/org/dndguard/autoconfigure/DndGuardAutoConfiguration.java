package org.dndguard.autoconfigure;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * DND Guard in any Camunda Spring Boot application: it only wires the parts together, one
 * configuration per concern. Every bean backs off for a bean of the user's of the same type.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class})
@ConditionalOnClass(name = "org.camunda.bpm.engine.ProcessEngine")
@ConditionalOnBean(DataSource.class)
// off, DND Guard adds nothing: no bean, no endpoint, no migration, no engine plugin
@ConditionalOnProperty(prefix = DndProperties.PREFIX, name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(DndProperties.class)
@Import({
    StoreConfiguration.class,
    SecurityConfiguration.class,
    WebConfiguration.class,
    ProviderConfiguration.class,
    MessagingConfiguration.class,
    EngineConfiguration.class,
    WorkflowConfiguration.class,
    CockpitConfiguration.class,
})
public class DndGuardAutoConfiguration {
}
