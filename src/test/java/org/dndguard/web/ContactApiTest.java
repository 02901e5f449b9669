package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dndguard.web.ProblemAssertions.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContactApiTest extends ReferenceAppApiTest {

  String id;

  @BeforeEach
  void setUp() {
    id = newContactId();
  }

  @Test
  void registersAContactWithNormalisedAddresses() {
    // when
    ApiHttp.Response created = http.put("/api/contacts/" + id,
        "{\"phone\": \"+1 (415) 555-0100\", \"email\": \"Ann@Example.com\", \"whatsapp\": \"whatsapp:+14155550101\","
            + " \"facebook\": \" 6543210987654321 \", \"gmb\": \"conv-7f3a\"}");

    // then
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/contacts/" + id));
    JsonNode contact = created.json();
    assertThat(contact.path("id").asText()).isEqualTo(id);
    assertThat(contact.path("phone").asText()).isEqualTo("+14155550100");
    assertThat(contact.path("email").asText()).isEqualTo("ann@example.com");
    assertThat(contact.path("whatsapp").asText()).isEqualTo("+14155550101");
    assertThat(contact.path("facebook").asText()).isEqualTo("6543210987654321");
    assertThat(contact.path("gmb").asText()).isEqualTo("conv-7f3a");
    assertThat(contact.path("createdAt").asText()).isNotBlank();

    ApiHttp.Response read = http.get("/api/contacts/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(contact);
  }

  @Test
  void replacesTheAddressesOfAContactThatExists() {
    // given
    http.put("/api/contacts/" + id, "{\"phone\": \"+14155550100\", \"email\": \"ann@example.com\"}");

    // when
    ApiHttp.Response updated = http.put("/api/contacts/" + id, "{\"email\": \"ann@work.example.com\"}");

    // then: 200, and the phone that was left out is gone
    assertThat(updated.status()).as("%s", updated).isEqualTo(200);
    assertThat(updated.header("Location")).isEmpty();
    JsonNode contact = http.get("/api/contacts/" + id).json();
    assertThat(contact.path("email").asText()).isEqualTo("ann@work.example.com");
    assertThat(contact.path("phone").isNull()).isTrue();
  }

  @Test
  void theAddressChangeIsAuditedUnderTheAuthenticatedUser() {
    // when
    http.put("/api/contacts/" + id, "{\"email\": \"ann@example.com\"}");

    // then
    JsonNode row = http.get("/api/contacts/" + id + "/dnd/history").json().path("items").get(0);
    assertThat(row.path("action").asText()).isEqualTo("ADDRESSES_CHANGED");
    assertThat(row.path("message").asText()).contains("email=ann@example.com");
    assertThat(row.path("evidence").path("actor").asText()).isEqualTo("demo");
    assertThat(row.path("evidence").path("source").asText()).isEqualTo("USER");
  }

  @Test
  void aMalformedAddressIs400NamingTheFieldAndChangesNothing() {
    // given
    http.put("/api/contacts/" + id, "{\"phone\": \"+14155550100\"}");

    // when
    ApiHttp.Response response = http.put("/api/contacts/" + id, "{\"phone\": \"12\", \"email\": \"b@example.com\"}");

    // then
    JsonNode problem = assertProblem(response, 400, "urn:dndguard:problem:invalid-input");
    assertThat(problem.path("field").asText()).isEqualTo("phone");
    assertThat(problem.path("detail").asText()).contains("'12' is not a valid phone number", "E.164");
    JsonNode contact = http.get("/api/contacts/" + id).json();
    assertThat(contact.path("phone").asText()).isEqualTo("+14155550100");
    assertThat(contact.path("email").isNull()).isTrue();
  }

  @Test
  void aMalformedEmailIs400NamingTheField() {
    ApiHttp.Response response = http.put("/api/contacts/" + id, "{\"email\": \"ann at example.com\"}");

    JsonNode problem = assertProblem(response, 400, "urn:dndguard:problem:invalid-input");
    assertThat(problem.path("field").asText()).isEqualTo("email");
    assertThat(http.get("/api/contacts/" + id).status()).as("nothing registered").isEqualTo(404);
  }

  @Test
  void anUnknownFieldIs400ListingTheFieldsRatherThanRemovingAnAddress() {
    // given
    http.put("/api/contacts/" + id, "{\"phone\": \"+14155550100\"}");

    // when: a misspelt "phone" would otherwise remove the phone number
    ApiHttp.Response response = http.put("/api/contacts/" + id, "{\"phnoe\": \"+14155550199\"}");

    // then
    JsonNode problem = assertProblem(response, 400, "urn:dndguard:problem:invalid-input");
    assertThat(problem.path("field").asText()).isEqualTo("phnoe");
    assertThat(problem.path("detail").asText()).contains("Unknown field 'phnoe'", "phone, email, whatsapp, facebook, gmb");
    assertThat(problem.path("validValues").toString())
        .isEqualTo("[\"phone\",\"email\",\"whatsapp\",\"facebook\",\"gmb\",\"timeZone\"]");
    assertThat(http.get("/api/contacts/" + id).json().path("phone").asText()).isEqualTo("+14155550100");
  }

  @Test
  void anUnknownContactIs404() {
    JsonNode problem = assertProblem(http.get("/api/contacts/" + id), 404, "urn:dndguard:problem:contact-not-found");

    assertThat(problem.path("contactId").asText()).isEqualTo(id);
    assertThat(problem.path("detail").asText()).contains("PUT /api/contacts/" + id);
    assertThat(problem.path("instance").asText()).isEqualTo("/api/contacts/" + id);
  }

  @Test
  void aContactIdLongerThanTheLimitIs400() {
    String tooLong = "c".repeat(256);

    JsonNode problem = assertProblem(http.put("/api/contacts/" + tooLong, "{}"), 400,
        "urn:dndguard:problem:invalid-input");

    assertThat(problem.path("field").asText()).isEqualTo("contactId");
    assertThat(problem.path("detail").asText()).contains("at most 255");
  }
}
