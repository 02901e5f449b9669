package org.dndguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code dnd.workflows.*}: defaults, overrides and refused values. */
class WorkflowPropertiesTest {

  private final ApplicationContextRunner context = DndPropertiesContext.runner();

  @Test
  void defaults() {
    context.run(ctx -> assertThat(ctx.getBean(DndProperties.class).workflows())
        .isEqualTo(new WorkflowProperties(false, 100, 3, true, true)));
  }

  @Test
  void overrides() {
    context.withPropertyValues("dnd.workflows.remove-when-fully-blocked=true", "dnd.workflows.batch-threshold=0",
            "dnd.workflows.removal-retries=5", "dnd.workflows.dnd-changed-message=false")
        .run(ctx -> assertThat(ctx.getBean(DndProperties.class).workflows())
            .isEqualTo(new WorkflowProperties(true, 0, 5, false, true)));
  }

  @Test
  void aNegativeThresholdStopsTheApplicationAndSaysWhatToSet() {
    context.withPropertyValues("dnd.workflows.batch-threshold=-1")
        .run(ctx -> assertThat(ctx).getFailure().rootCause()
            .hasMessage("dnd.workflows.batch-threshold is -1; set it to 0 or more (0 runs every removal as a batch)"));
  }

  @Test
  void negativeRetriesStopTheApplication() {
    context.withPropertyValues("dnd.workflows.removal-retries=-2")
        .run(ctx -> assertThat(ctx).getFailure().rootCause()
            .hasMessage("dnd.workflows.removal-retries is -2; set it to 0 or more"));
  }
}
