package org.dndguard.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The work of a scenario's communication steps, {@code ${recordSend}}: it records which step of
 * which instance ran ({@code "<processInstanceId>:<activityId>"}) in the {@code List<String>} bean,
 * so a test proves a skipped or deferred step by its work not happening.
 */
@Configuration(proxyBeanMethods = false)
public class RecordedSends {

  @Bean
  List<String> sends() {
    return new CopyOnWriteArrayList<>();
  }

  @Bean
  JavaDelegate recordSend(List<String> sends) {
    return execution -> sends.add(execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId());
  }
}
