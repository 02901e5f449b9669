package org.dndguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The reference application's front door: health, Camunda's REST API behind a login, Cockpit. */
@ReferenceAppContext
class ReferenceAppTest {

  @Autowired
  TestRestTemplate http;

  @Test
  void healthIsUpWithoutALogin() {
    ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);

    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(health.getBody()).contains("\"status\":\"UP\"");
  }

  @Test
  void camundasRestApiNeedsALoginAndListsTheDefaultEngine() {
    assertThat(http.getForEntity("/engine-rest/engine", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    ResponseEntity<String> engines = http.withBasicAuth("demo", "demo").getForEntity("/engine-rest/engine", String.class);

    assertThat(engines.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(engines.getBody()).contains("\"name\":\"default\"");
    // a user that does not exist: a wrong password for demo would lock demo out for a few seconds
    // (Camunda's login throttling) and fail other tests sharing this context
    assertThat(http.withBasicAuth("nobody", "wrong").getForEntity("/engine-rest/engine", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void dndGuardsApiNeedsALogin() {
    assertThat(http.getForEntity("/api/contacts/c-1/dnd", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void cockpitsLoginPageLoads() {
    ResponseEntity<String> cockpit = http.getForEntity("/camunda/app/cockpit/default/", String.class);

    assertThat(cockpit.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(cockpit.getBody()).containsIgnoringCase("cockpit");
  }

  @Test
  void otherActuatorEndpointsAreClosed() {
    assertThat(http.getForEntity("/actuator/metrics", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }
}
