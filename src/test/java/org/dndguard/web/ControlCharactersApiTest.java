package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dndguard.web.ProblemAssertions.assertProblem;

import java.util.concurrent.ThreadLocalRandom;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.store.DndService;
import org.dndguard.web.internal.Problems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * NUL and other control characters in text people write (notes, reasons, subjects, bodies) are
 * refused with 400 naming the field, and change nothing: PostgreSQL cannot store a NUL, which was a
 * 500 before. Tab and line breaks stay allowed where the text has lines.
 */
class ControlCharactersApiTest extends ReferenceAppApiTest {

  @Autowired
  DndService dnd;

  String id;

  @BeforeEach
  void registerContact() {
    id = newContactId();
    String phone = "+1415" + (2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000));
    register(id, new ContactAddresses(phone, id + "@example.com", null, null, null));
  }

  @Test
  void aNulInANoteIsRefusedNamingTheNoteAndChangesNothing() {
    ApiHttp.Response response = http.put("/api/contacts/" + id + "/dnd/channels/SMS",
        "{\"note\": \"asked\\u0000 by phone\"}");

    assertThat(assertProblem(response, 400, Problems.INVALID_INPUT.toString()).path("field").asText())
        .isEqualTo("note");
    assertThat(response.json().path("detail").asText()).contains("U+0000");
    assertThat(dnd.record(id).entries()).isEmpty();
  }

  @Test
  void aNoteWithLinesAndTabsIsFine() {
    ApiHttp.Response response = http.put("/api/contacts/" + id + "/dnd/channels/SMS",
        "{\"note\": \"asked by phone\\n\\tsecond line\"}");

    assertThat(response.status()).as("%s", response).isEqualTo(200);
  }

  @Test
  void aControlCharacterInAMessageBodyOrSubjectIsRefusedNamingTheField() {
    ApiHttp.Response body = http.post("/api/contacts/" + id + "/messages",
        "{\"channel\": \"SMS\", \"body\": \"ring\\u0007 ring\"}");
    ApiHttp.Response subject = http.post("/api/contacts/" + id + "/messages",
        "{\"channel\": \"EMAIL\", \"subject\": \"Hi\\u0000\", \"body\": \"hello\"}");

    // the message endpoint answers problems of its own (issue 16 unifies them); status and field are what count
    assertThat(body.status()).as("%s", body).isEqualTo(400);
    assertThat(body.json().path("field").asText()).isEqualTo("body");
    assertThat(subject.status()).as("%s", subject).isEqualTo(400);
    assertThat(subject.json().path("field").asText()).isEqualTo("subject");
    assertThat(http.get("/api/contacts/" + id + "/messages").json().size()).isZero();
  }

  @Test
  void aNulInARemovalReasonIsRefusedNamingTheReason() {
    ApiHttp.Response response = http.post("/api/contacts/" + id + "/workflow-removal",
        "{\"reason\": \"DND\\u0000\"}");

    assertThat(response.status()).as("%s", response).isEqualTo(400);
    assertThat(response.json().path("field").asText()).isEqualTo("reason");
  }
}
