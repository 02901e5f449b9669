package org.dndguard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dndguard.web.ProblemAssertions.assertProblem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.store.DndService;
import org.dndguard.web.internal.Problems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Input limits of DND Guard's API (issue 21): a body over {@code dnd.api.max-body-size} (64 KiB) is
 * answered 413 without being read, whether it declares its length or comes in chunks; identifiers
 * (contact ids, topics, e-mail addresses and messenger ids, process instance ids) refuse the
 * characters that cannot be seen or look like others, with 400 naming the field.
 */
class ApiInputLimitsTest extends ReferenceAppApiTest {

  private static final String DEMO = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));

  @Autowired
  DndService dnd;

  String id;

  @BeforeEach
  void registerContact() {
    id = newContactId();
    register(id, new ContactAddresses(null, id + "@example.com", null, null, null));
  }

  @Test
  void aBodyDeclaredLargerThanTheLimitIsAnswered413BeforeItIsSent() throws IOException {
    // 19 MB declared, 1 KB sent: the answer comes while the rest has not left the client
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(120_000);
      OutputStream out = socket.getOutputStream();
      out.write(("PUT /api/contacts/" + id + "/dnd/channels/SMS HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + DEMO
          + "\r\nContent-Type: application/json\r\nContent-Length: " + (19 * 1024 * 1024) + "\r\n\r\n{\"note\": \"")
          .getBytes(StandardCharsets.US_ASCII));
      out.write("x".repeat(1024).getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String response = readResponse(socket.getInputStream());

      assertThat(response).startsWith("HTTP/1.1 413").contains("application/problem+json")
          .contains("urn:dndguard:problem:request-too-large").contains("dnd.api.max-body-size")
          .contains("\"limit\":65536");
    }
    assertThat(dnd.record(id).entries()).isEmpty();
  }

  @Test
  void aChunkedBodyIsCutAtTheLimit() throws IOException {
    // chunks without end: the server answers once it has read just over 64 KiB, not at the end of the body
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(120_000);
      OutputStream out = socket.getOutputStream();
      out.write(("PUT /api/contacts/" + id + "/dnd/channels/SMS HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + DEMO
          + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = "x".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 5; i++) {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();

      String response = readResponse(socket.getInputStream());

      assertThat(response).startsWith("HTTP/1.1 413").contains("urn:dndguard:problem:request-too-large");
    }
    assertThat(dnd.record(id).entries()).isEmpty();
  }

  @Test
  void aHugeBodyFromAnHttpClientIsRefusedWith413() {
    String huge = "{\"note\": \"" + "x".repeat(19 * 1024 * 1024) + "\"}";

    ApiHttp.Response response = http.put("/api/contacts/" + id + "/dnd/channels/SMS", huge);

    assertProblem(response, 413, "urn:dndguard:problem:request-too-large");
    assertThat(dnd.record(id).entries()).isEmpty();
  }

  @Test
  void aBodyWithinTheLimitIsRead() {
    String note = "x".repeat(400);

    ApiHttp.Response response = http.put("/api/contacts/" + id + "/dnd/channels/SMS", "{\"note\": \"" + note + "\"}");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(dnd.record(id).entries()).hasSize(1);
  }

  /** Characters that cannot be seen, or look like a space, and must not be part of an identifier. */
  static List<Character> refused() {
    return List.of('\u200B', '\u200C', '\u200D', '\u2060', '\u00A0', '\u2007', '\u202F', '\u3000', '\u202E',
        '\u202D', '\u2066', '\u2069', '\u061C', '\uFEFF', '\u00AD', '\u2028', '\u2029', '\u0085');
  }

  static Stream<Arguments> fieldsAndCharacters() {
    List<Arguments> cases = new ArrayList<>();
    for (char c : refused()) {
      for (String field : List.of("contactId", "topic", "email", "facebook", "gmb", "processInstanceId")) {
        cases.add(Arguments.of(field, String.format("U+%04X", (int) c), c));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("fieldsAndCharacters")
  void anIdentifierWithAnInvisibleCharacterIsRefusedNamingTheField(String field, String code, char c) {
    String bad = "c-1" + c + "x";
    ApiHttp.Response response = switch (field) {
      case "contactId" -> http.put("/api/contacts/" + encode(bad), "{\"email\": \"ann@example.com\"}");
      case "topic" -> http.put("/api/contacts/" + id + "/dnd/topics/" + encode("news" + c + "letter"),
          "{\"note\": \"asked\"}");
      case "email" -> http.put("/api/contacts/" + id, "{\"email\": \"ann" + c + "@example.com\"}");
      case "facebook" -> http.put("/api/contacts/" + id, "{\"facebook\": \"" + bad + "\"}");
      case "gmb" -> http.put("/api/contacts/" + id, "{\"gmb\": \"" + bad + "\"}");
      case "processInstanceId" -> http.get("/api/process-instances/" + encode(bad) + "/dnd-skips");
      default -> throw new IllegalArgumentException(field);
    };

    boolean inPath = List.of("contactId", "topic", "processInstanceId").contains(field);
    if (inPath && (c == '\u2028' || c == '\u2029')) {
      // Spring Security's firewall refuses line and paragraph separators in a URL before DND Guard sees it
      assertProblem(response, 400, "urn:dndguard:problem:bad-request");
    } else {
      assertThat(assertProblem(response, 400, Problems.INVALID_INPUT.toString()).path("field").asText())
          .as(response.body()).isEqualTo(field);
      if (!field.equals("topic")) {
        assertThat(response.json().path("detail").asText()).contains(code);
      }
    }
    assertThat(contacts.get(id).orElseThrow().addresses().email()).isEqualTo(id + "@example.com");
    assertThat(dnd.record(id).entries()).isEmpty();
  }

  @Test
  void theAsciiSpaceStaysAllowedInAContactId() {
    String spaced = "c " + UUID.randomUUID();

    ApiHttp.Response response = http.put("/api/contacts/" + encode(spaced), "{\"email\": \"ann@example.com\"}");

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(contacts.get(spaced)).isPresent();
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The status line, headers and as much of the body as arrives before the server closes or 4 KiB. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[1024];
    int n;
    while (read.size() < 4096 && (n = in.read(buffer)) != -1) {
      read.write(buffer, 0, n);
      String text = read.toString(StandardCharsets.UTF_8);
      if (text.contains("\r\n\r\n") && text.endsWith("}")) {
        break;
      }
    }
    return read.toString(StandardCharsets.UTF_8);
  }
}
