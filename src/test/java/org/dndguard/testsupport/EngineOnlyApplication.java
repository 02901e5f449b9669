package org.dndguard.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration;
import org.dndguard.autoconfigure.DndGuardAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;

/**
 * Marks a scenario test's application: the data source, its transactions, Camunda's engine and DND
 * Guard, nothing else (no web server, no REST API), so the scenario sees only what it names.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootConfiguration
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
    TransactionAutoConfiguration.class, CamundaBpmAutoConfiguration.class, DndGuardAutoConfiguration.class})
public @interface EngineOnlyApplication {
}
