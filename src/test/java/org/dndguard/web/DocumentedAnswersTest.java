package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the OpenAPI document says the messages, the skips and the unsubscribe links answer, against
 * what they answer: its examples have the same members and the same type, title, status and field,
 * and where it gives no example it names the problem's type, so that a reader (or a client
 * generated from the document) can trust it.
 */
@SpringBootTest(classes = org.dndguard.app.DndGuardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocumentedAnswersTest {

  private static final String MESSAGES = "/api/contacts/{contactId}/messages";
  private static final String PROBLEM = "application/problem+json";

  @LocalServerPort
  int port;

  ApiHttp http;
  JsonNode document;

  @BeforeEach
  void readDocument() {
    http = ApiHttp.demo(port);
    document = http.anonymous().get("/v3/api-docs").json();
  }

  @Test
  void aQueuedMessageIsAnsweredAsDocumented() {
    // given
    String ann = contactWithPhone();

    // when
    ApiHttp.Response queued = http.post(messagesOf(ann), "{\"channel\": \"SMS\", \"body\": \"Your table is ready.\"}");
    ApiHttp.Response read = http.get(queued.header("Location").orElseThrow());

    // then
    assertThat(queued.status()).as("%s", queued).isEqualTo(202);
    assertSameMembers(queued.json(), documented(MESSAGES, "post", "202", "application/json", null));
    assertSameMembers(read.json(), documented("/api/messages/{id}", "get", "200", "application/json", null));
  }

  @Test
  void aMessageThatIsNotQueuedIsTheDocumentedProblem() {
    // given
    String ann = contactWithPhone();
    String bob = contactWithPhone();
    http.put("/api/contacts/" + ann + "/dnd/channels/SMS", null);
    http.put("/api/contacts/" + bob + "/dnd/topics/promotions", null);

    // when
    JsonNode noSubject = http.post(messagesOf(ann), "{\"channel\": \"EMAIL\", \"body\": \"Hi\"}").json();
    JsonNode inDnd = http.post(messagesOf(ann), "{\"channel\": \"SMS\", \"body\": \"Hi\"}").json();
    JsonNode topicLeft = http.post(messagesOf(bob), "{\"channel\": \"SMS\", \"body\": \"Hi\", \"topic\":"
        + " \"promotions\"}").json();
    JsonNode noAddress = http.post(messagesOf(bob), "{\"channel\": \"WHATSAPP\", \"body\": \"Hi\"}").json();

    // then
    assertSameMembers(noSubject, documented(MESSAGES, "post", "400", PROBLEM, null));
    assertSameMembers(inDnd, documented(MESSAGES, "post", "409", PROBLEM, "channel-in-dnd"));
    assertSameMembers(topicLeft, documented(MESSAGES, "post", "409", PROBLEM, "topic-left"));
    assertSameMembers(noAddress, documented(MESSAGES, "post", "422", PROBLEM, "missing-address"));
  }

  @Test
  void theApiFiltersRefusalsAreAnsweredAsDocumented() {
    // given
    String ann = contactWithPhone();

    // when: a POST that is not JSON, and a body over the limit (64 KiB)
    ApiHttp.Response notJson = http.send("POST", messagesOf(ann), "channel=SMS&body=Hi",
        "application/x-www-form-urlencoded");
    ApiHttp.Response tooLarge = http.post(messagesOf(ann), "{\"channel\": \"SMS\", \"body\": \""
        + "x".repeat(70_000) + "\"}");

    // then
    assertThat(notJson.status()).as("%s", notJson).isEqualTo(415);
    assertSameMembers(notJson.json(), documented(MESSAGES, "post", "415", PROBLEM, "example"));
    assertThat(tooLarge.status()).as("%s", tooLarge).isEqualTo(413);
    assertSameMembers(tooLarge.json(), documented(MESSAGES, "post", "413", PROBLEM, "example"));
    assertThat(tooLarge.json().path("detail").asText())
        .isEqualTo(documented(MESSAGES, "post", "413", PROBLEM, "example").path("detail").asText());
  }

  @Test
  void theDocumentNamesTheProblemTypeOfEachUnknownMessageInstanceAndLink() {
    // when
    JsonNode message = http.get("/api/messages/" + Long.MAX_VALUE).json();
    JsonNode resend = http.post("/api/messages/" + Long.MAX_VALUE + "/resend", null).json();
    JsonNode instance = http.get("/api/process-instances/no-such-instance/dnd-skips").json();
    JsonNode link = http.anonymous().get("/unsubscribe/not-a-link").json();

    // then
    assertDescribed(message, "/api/messages/{id}", "get");
    assertDescribed(resend, "/api/messages/{id}/resend", "post");
    assertDescribed(instance, "/api/process-instances/{processInstanceId}/dnd-skips", "get");
    assertDescribed(link, "/unsubscribe/{token}", "get");
    assertDescribed(link, "/unsubscribe/{token}", "post");
  }

  /** The response the document has for the problem's status names its type. */
  private void assertDescribed(JsonNode problem, String path, String method) {
    JsonNode response = document.path("paths").path(path).path(method).path("responses")
        .path(problem.path("status").asText());
    assertThat(response.path("description").asText()).as("%s %s: %s", method, path, problem)
        .contains(problem.path("type").asText());
  }

  /** The documented example, or the one of that name among several. */
  private JsonNode documented(String path, String method, String status, String mediaType, String name) {
    JsonNode content = document.path("paths").path(path).path(method).path("responses").path(status)
        .path("content").path(mediaType);
    JsonNode example = name == null ? content.path("example") : content.path("examples").path(name).path("value");
    assertThat(example.isObject()).as("%s %s %s example %s: %s", method, path, status, name, content).isTrue();
    return example;
  }

  /** The same members (but for the instance, which is the request's), and for a problem the same kind. */
  private static void assertSameMembers(JsonNode actual, JsonNode documented) {
    assertThat(names(actual)).as("%s", actual).isEqualTo(names(documented));
    for (String member : List.of("type", "title", "status", "field")) {
      assertThat(actual.path(member)).as("%s of %s", member, actual).isEqualTo(documented.path(member));
    }
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    names.remove("instance");
    return names;
  }

  private static String messagesOf(String contactId) {
    return "/api/contacts/" + contactId + "/messages";
  }

  /** A contact with a number of its own: the database is shared, and provider events apply to every contact with it. */
  private String contactWithPhone() {
    String id = "doc-" + UUID.randomUUID();
    String phone = String.format("+1628556%04d", ThreadLocalRandom.current().nextInt(10_000));
    assertThat(http.put("/api/contacts/" + id, "{\"phone\": \"" + phone + "\"}").status()).isEqualTo(201);
    return id;
  }
}
