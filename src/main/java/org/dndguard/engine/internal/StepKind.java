package org.dndguard.engine.internal;

/** The kinds of BPMN element that DND Guard can guard, named as people read them in messages. */
public enum StepKind {
  SERVICE_TASK("service task"),
  SEND_TASK("send task"),
  SCRIPT_TASK("script task"),
  BUSINESS_RULE_TASK("business rule task"),
  USER_TASK("user task"),
  MESSAGE_INTERMEDIATE_THROW_EVENT("message intermediate throw event"),
  MESSAGE_END_EVENT("message end event");

  private final String displayName;

  StepKind(String displayName) {
    this.displayName = displayName;
  }

  /** How messages name the kind, e.g. {@code send task}. */
  public String displayName() {
    return displayName;
  }
}
