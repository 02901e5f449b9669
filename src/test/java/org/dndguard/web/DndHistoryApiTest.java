package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dndguard.web.ProblemAssertions.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.dndguard.contact.ContactAddresses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DndHistoryApiTest extends ReferenceAppApiTest {

  @Autowired
  IdentityService identityService;

  String dnd;
  String operator;

  @BeforeEach
  void setUp() {
    String id = newContactId();
    register(id, ContactAddresses.none());
    dnd = "/api/contacts/" + id + "/dnd";
  }

  @AfterEach
  void deleteOperator() {
    if (operator != null) {
      identityService.deleteUser(operator);
    }
  }

  @Test
  void theTrailIsNewestFirstAndPagedWithItsTotal() {
    // given: five changes, in this order
    http.put(dnd + "/channels/CALL", null);
    http.put(dnd + "/channels/EMAIL", null);
    http.put(dnd + "/channels/SMS", null);
    http.put(dnd + "/inbound/SMS", null);
    http.delete(dnd + "/channels/CALL", null);

    // when
    JsonNode first = http.get(dnd + "/history?page=0&size=2").json();
    JsonNode second = http.get(dnd + "/history?page=1&size=2").json();
    JsonNode last = http.get(dnd + "/history?page=2&size=2").json();
    JsonNode beyond = http.get(dnd + "/history?page=3&size=2").json();

    // then
    // five changes and the registration
    assertThat(first.path("total").asLong()).isEqualTo(6);
    assertThat(first.path("totalPages").asLong()).isEqualTo(3);
    assertThat(first.path("page").asInt()).isZero();
    assertThat(first.path("size").asInt()).isEqualTo(2);
    List<String> rows = new ArrayList<>();
    for (JsonNode page : List.of(first, second, last)) {
      page.path("items").forEach(row -> rows.add(row.path("action").asText() + " " + row.path("target").asText()));
    }
    assertThat(rows).containsExactly("CLEARED CALL", "SET INBOUND_SMS", "SET SMS", "SET EMAIL", "SET CALL",
        "ADDRESSES_CHANGED ");
    List<Long> ids = new ArrayList<>();
    for (JsonNode page : List.of(first, second, last)) {
      page.path("items").forEach(row -> ids.add(row.path("id").asLong()));
    }
    assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(beyond.path("items").isEmpty()).isTrue();
    assertThat(beyond.path("total").asLong()).isEqualTo(6);
  }

  @Test
  void theDefaultPageHoldsTwentyRows() {
    JsonNode page = http.get(dnd + "/history").json();

    assertThat(page.path("page").asInt()).isZero();
    assertThat(page.path("size").asInt()).isEqualTo(20);
    // the registration only
    assertThat(page.path("total").asLong()).isEqualTo(1);
    assertThat(page.path("totalPages").asLong()).isEqualTo(1);
  }

  @Test
  void theTrailNamesTheUserWhoMadeEachChange() {
    // given: a second Camunda user, made as an administrator would in Camunda Admin
    operator = CamundaUsers.create(identityService, "dndOperators");

    // when
    http.as(operator, CamundaUsers.password(operator)).put(dnd + "/channels/FACEBOOK", "{\"note\": \"by the operator\"}");
    http.delete(dnd + "/channels/FACEBOOK", "{\"note\": \"by demo\"}");

    // then
    JsonNode items = http.get(dnd + "/history").json().path("items");
    assertThat(items.get(0).path("action").asText()).isEqualTo("CLEARED");
    assertThat(items.get(0).path("evidence").path("actor").asText()).isEqualTo("demo");
    assertThat(items.get(0).path("evidence").path("note").asText()).isEqualTo("by demo");
    assertThat(items.get(1).path("action").asText()).isEqualTo("SET");
    assertThat(items.get(1).path("evidence").path("actor").asText()).isEqualTo(operator);
    assertThat(items.get(1).path("evidence").path("source").asText()).isEqualTo("USER");
    assertThat(items.get(1).path("statusAfter").asText()).isEqualTo("PARTIAL");
    assertThat(http.get(dnd).json().path("channels").path("FACEBOOK").path("active").asBoolean()).isFalse();
  }

  @Test
  void aPageSizeBeyondTheLimitsIs400SayingThem() {
    JsonNode tooBig = assertProblem(http.get(dnd + "/history?size=101"), 400, "urn:dndguard:problem:invalid-input");
    assertThat(tooBig.path("field").asText()).isEqualTo("size");
    assertThat(tooBig.path("detail").asText()).isEqualTo("Query parameter 'size' must be at most 100; it was 101");

    JsonNode zero = assertProblem(http.get(dnd + "/history?size=0"), 400, "urn:dndguard:problem:invalid-input");
    assertThat(zero.path("detail").asText()).isEqualTo("Query parameter 'size' must be at least 1; it was 0");
  }

  @Test
  void aNegativeOrNonNumericPageIs400() {
    JsonNode negative = assertProblem(http.get(dnd + "/history?page=-1"), 400, "urn:dndguard:problem:invalid-input");
    assertThat(negative.path("field").asText()).isEqualTo("page");
    assertThat(negative.path("detail").asText()).contains("must be 0 or more");

    JsonNode word = assertProblem(http.get(dnd + "/history?page=first"), 400, "urn:dndguard:problem:invalid-input");
    assertThat(word.path("field").asText()).isEqualTo("page");
    assertThat(word.path("detail").asText()).isEqualTo("Parameter 'page' must be a whole number; it was 'first'");
  }
}
