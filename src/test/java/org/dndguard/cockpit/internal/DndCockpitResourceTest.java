package org.dndguard.cockpit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** What the plugin's resources answer before they ask DND Guard anything. */
class DndCockpitResourceTest {

  @Test
  void withoutDndGuardInTheApplicationEveryCallIsA503ProblemThatSaysSo() {
    Response answer = new DndCockpitResource("default", null, "demo", "/camunda/api/cockpit/plugin/dnd-guard/default/me")
        .me();

    assertThat(answer.getStatus()).isEqualTo(503);
    assertThat(answer.getMediaType().toString()).isEqualTo("application/problem+json");
    assertThat(answer.getEntity().toString()).contains("DND Guard's beans are not in this application");
  }
}
