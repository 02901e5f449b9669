package org.dndguard.test;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;

/**
 * Assertions on what DND Guard did in a process instance, for scenario tests beside
 * camunda-bpm-assert:
 *
 * <pre>
 * DndAssertions.assertThat(processInstance).hasSkipped("sendSms").hasNotSkipped("sendEmail");
 * </pre>
 *
 * They read DND Guard's skip records, not the engine's history: the history shows a skipped step
 * as passed, because the token did pass it.
 */
public final class DndAssertions {

  private DndAssertions() {
  }

  /** Assertions on the instance, in the engine of camunda-bpm-assert ({@code BpmnAwareTests.init}). */
  public static DndProcessInstanceAssert assertThat(ProcessInstance processInstance) {
    return assertThat(BpmnAwareTests.processEngine(), processInstance);
  }

  /** Assertions on the instance, in the given engine (one with DND Guard's plugin). */
  public static DndProcessInstanceAssert assertThat(ProcessEngine processEngine, ProcessInstance processInstance) {
    return new DndProcessInstanceAssert(processEngine, processInstance);
  }
}
