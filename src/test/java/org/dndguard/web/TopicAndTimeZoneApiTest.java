package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dndguard.web.ProblemAssertions.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Topics and time zones through the API: leave and rejoin, the record lists them, the zone in force. */
class TopicAndTimeZoneApiTest extends ReferenceAppApiTest {

  String id;

  @BeforeEach
  void setUp() {
    id = newContactId();
    http.put("/api/contacts/" + id, "{\"phone\": \"+1 212 555 0100\"}");
  }

  @Test
  void aContactLeavesAndRejoinsATopicAndTheRecordAndHistoryShowIt() {
    ApiHttp.Response left = http.put("/api/contacts/" + id + "/dnd/topics/newsletter", "{\"note\": \"asked by phone\"}");

    assertThat(left.status()).as("%s", left).isEqualTo(200);
    JsonNode topic = left.json().path("topics").path(0);
    assertThat(topic.path("topic").asText()).isEqualTo("newsletter");
    assertThat(topic.path("reason").asText()).isEqualTo("MANUAL");
    assertThat(topic.path("evidence").path("actor").asText()).isEqualTo("demo");
    assertThat(left.json().path("status").asText()).isEqualTo("OFF");
    assertThat(http.get("/api/contacts/" + id + "/dnd").json().path("topics")).hasSize(1);
    assertThat(http.get("/api/contacts/" + id + "/dnd/history").body()).contains("TOPIC_LEFT", "left topic newsletter");

    ApiHttp.Response rejoined = http.delete("/api/contacts/" + id + "/dnd/topics/newsletter", null);

    assertThat(rejoined.status()).isEqualTo(200);
    assertThat(rejoined.json().path("topics")).isEmpty();
    assertThat(http.get("/api/contacts/" + id + "/dnd/history").body()).contains("TOPIC_REJOINED");
  }

  @Test
  void aTopicThatIsNotANameIsRefusedAndChangesNothing() {
    JsonNode problem = assertProblem(http.put("/api/contacts/" + id + "/dnd/topics/News_Letter", null), 400,
        "urn:dndguard:problem:invalid-input");

    assertThat(problem.path("field").asText()).isEqualTo("topic");
    assertThat(problem.path("detail").asText()).contains("lower case letters, digits");
    assertThat(http.get("/api/contacts/" + id + "/dnd").json().path("topics")).isEmpty();
  }

  @Test
  void theZoneInForceComesFromThePhoneNumberUntilTheContactHasItsOwn() {
    JsonNode fromPhone = http.get("/api/contacts/" + id).json();
    assertThat(fromPhone.path("timeZone").isNull()).isTrue();
    assertThat(fromPhone.path("timeZonesInForce").toString()).isEqualTo("[\"America/New_York\"]");
    assertThat(fromPhone.path("timeZoneSource").asText()).isEqualTo("PHONE");

    ApiHttp.Response own = http.put("/api/contacts/" + id,
        "{\"phone\": \"+1 212 555 0100\", \"timeZone\": \"America/Chicago\"}");

    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().path("timeZone").asText()).isEqualTo("America/Chicago");
    assertThat(own.json().path("timeZonesInForce").toString()).isEqualTo("[\"America/Chicago\"]");
    assertThat(own.json().path("timeZoneSource").asText()).isEqualTo("CONTACT");
  }

  @Test
  void anUnknownTimeZoneIsRefusedAndChangesNothing() {
    JsonNode problem = assertProblem(http.put("/api/contacts/" + id,
        "{\"phone\": \"+1 415 555 0100\", \"timeZone\": \"EST\"}"), 400, "urn:dndguard:problem:invalid-input");

    assertThat(problem.path("field").asText()).isEqualTo("timeZone");
    assertThat(problem.path("detail").asText()).contains("IANA", "America/Chicago");
    assertThat(http.get("/api/contacts/" + id).json().path("phone").asText()).isEqualTo("+12125550100");
  }
}
