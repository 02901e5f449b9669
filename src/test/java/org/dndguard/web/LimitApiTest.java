package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dndguard.web.ProblemAssertions.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.dndguard.contact.Channel;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Communication limits through the API: the rules of the properties are listed and cannot be
 * changed here; an operator creates, replaces and deletes rules (audited, applied at once); a
 * contact's page shows each rule's use and when its next place frees; bad input changes nothing.
 */
@ReferenceAppContext(properties = {
    "dnd.limits.rules[0].name=sms-daily",
    "dnd.limits.rules[0].channels=SMS",
    "dnd.limits.rules[0].count=2",
    "dnd.limits.rules[0].window=DAY"})
class LimitApiTest extends ReferenceAppApiTest {

  @Autowired
  CommunicationCounts counts;
  @Autowired
  javax.sql.DataSource dataSource;

  String id;

  @BeforeEach
  void setUp() {
    id = newContactId();
    http.put("/api/contacts/" + id, "{\"phone\": \"+1 312 555 0100\", \"timeZone\": \"America/Chicago\"}");
  }

  @AfterEach
  void deleteApiRules() {
    JdbcClient.create(dataSource).sql("DELETE FROM DND_LIMIT_RULE").update();
  }

  private void sent(Channel channel) throws Exception {
    var connection = DataSourceUtils.getConnection(dataSource);
    try {
      counts.take(connection, id, channel, null, CommunicationCounts.Kind.MESSAGE, "test",
          java.time.Instant.now(), false);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  @Test
  void anOperatorSetsARuleThatAppliesAtOnceAndTheContactsPageShowsItsUse() throws Exception {
    ApiHttp.Response created = http.put("/api/limits/rules/email-weekly",
        "{\"channels\": [\"email\"], \"count\": 1, \"window\": \"P7D\", \"note\": \"complaints about volume\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.json().path("description").asText()).isEqualTo("EMAIL, 1 per PT168H");
    assertThat(created.json().path("source").asText()).isEqualTo("API");
    assertThat(http.put("/api/limits/rules/email-weekly", "{\"channels\": [\"EMAIL\"], \"count\": 2,"
        + " \"window\": \"P7D\"}").status()).isEqualTo(200);

    JsonNode rules = http.get("/api/limits/rules").json();
    assertThat(rules).extracting(rule -> rule.path("name").asText() + " " + rule.path("source").asText()
        + " " + rule.path("count").asInt()).containsExactly("sms-daily PROPERTIES 2", "email-weekly API 2");

    sent(Channel.SMS);
    sent(Channel.SMS);
    sent(Channel.EMAIL);
    JsonNode use = http.get("/api/contacts/" + id + "/limits").json();
    assertThat(use).hasSize(2);
    assertThat(use.path(0).path("rule").path("name").asText()).isEqualTo("sms-daily");
    assertThat(use.path(0).path("used").asInt()).isEqualTo(2);
    assertThat(use.path(0).path("full").asBoolean()).isTrue();
    // the contact's next midnight in Chicago
    assertThat(java.time.Instant.parse(use.path(0).path("freesAt").asText()).atZone(
        java.time.ZoneId.of("America/Chicago")).toLocalTime()).isEqualTo(java.time.LocalTime.MIDNIGHT);
    assertThat(use.path(1).path("used").asInt()).isEqualTo(1);
    assertThat(use.path(1).path("full").asBoolean()).isFalse();
    assertThat(use.path(1).path("freesAt").isNull()).isTrue();

    assertThat(http.delete("/api/limits/rules/email-weekly", null).status()).isEqualTo(204);
    assertProblem(http.get("/api/limits/rules/email-weekly"), 404, "urn:dndguard:problem:limit-rule-not-found");
    assertThat(JdbcClient.create(dataSource).sql("SELECT ACTION || ' ' || ACTOR || ' ' || COALESCE(NOTE, '-')"
        + " FROM DND_AUDIT WHERE ACTION LIKE 'LIMIT_RULE%' AND MESSAGE LIKE '%email-weekly%' ORDER BY ID")
        .query(String.class).list()).containsExactly("LIMIT_RULE_SET demo complaints about volume",
        "LIMIT_RULE_SET demo -", "LIMIT_RULE_DELETED demo -");
  }

  @Test
  void aRuleOfThePropertiesCannotBeChangedOrDeletedHere() {
    JsonNode problem = assertProblem(http.put("/api/limits/rules/sms-daily",
        "{\"count\": 5, \"window\": \"DAY\"}"), 409, "urn:dndguard:problem:limit-rule-in-properties");
    assertThat(problem.path("detail").asText()).contains("dnd.limits.rules");
    assertProblem(http.delete("/api/limits/rules/sms-daily", null), 409,
        "urn:dndguard:problem:limit-rule-in-properties");
    assertThat(http.get("/api/limits/rules/sms-daily").json().path("count").asInt()).isEqualTo(2);
  }

  @Test
  void badRulesAreRefusedNamingTheFieldAndChangeNothing() {
    assertThat(assertProblem(http.put("/api/limits/rules/too-long", "{\"count\": 1, \"window\": \"P31D\"}"), 400,
        "urn:dndguard:problem:invalid-input").path("field").asText()).isEqualTo("window");
    assertThat(assertProblem(http.put("/api/limits/rules/none", "{\"count\": 0, \"window\": \"DAY\"}"), 400,
        "urn:dndguard:problem:invalid-input").path("detail").asText()).contains("count 0 allows nothing");
    assertThat(assertProblem(http.put("/api/limits/rules/fax", "{\"channels\": [\"FAX\"], \"count\": 1,"
        + " \"window\": \"DAY\"}"), 400, "urn:dndguard:problem:invalid-input").path("field").asText())
        .isEqualTo("channels");
    assertThat(assertProblem(http.put("/api/limits/rules/Bad%20Name", "{\"count\": 1, \"window\": \"DAY\"}"), 400,
        "urn:dndguard:problem:invalid-input").path("field").asText()).isEqualTo("name");
    assertThat(http.get("/api/limits/rules").json()).hasSize(1);
    assertProblem(http.get("/api/contacts/c-nobody-" + UUID.randomUUID() + "/limits"), 404,
        "urn:dndguard:problem:contact-not-found");
  }
}
