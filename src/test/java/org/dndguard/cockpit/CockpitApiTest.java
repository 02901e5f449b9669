package org.dndguard.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.messaging.MessageRequest;
import org.dndguard.messaging.MessageStatus;
import org.dndguard.messaging.Outbox;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.store.AuditAction;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The plugin's server side as Cockpit's client calls it: assets public, data behind Cockpit's
 * login, changes behind its CSRF token and DND Guard's permissions, errors as problem details.
 */
@ReferenceAppContext(properties = Browser.ENGINE_PROPERTY)
class CockpitApiTest {

  private static final String API = "/camunda/api/cockpit/plugin/dnd-guard";

  @LocalServerPort
  int port;

  @Autowired
  ContactService contacts;
  @Autowired
  DndService dnd;
  @Autowired
  IdentityService identity;
  @Autowired
  Outbox outbox;
  @Autowired
  DataSource dataSource;
  @Autowired
  AuthorizationService authorizations;

  @Test
  void thePluginScriptIsServedToCockpitAndTheDataOnlyAfterALogin() throws Exception {
    Session anonymous = new Session();

    HttpResponse<String> script = anonymous.get(API + "/static/app/plugin.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    assertThat(script.body()).contains("cockpit.processInstance.diagram.plugin").contains("cockpit.route");

    assertThat(anonymous.get(API + "/" + Browser.ENGINE + "/contacts/" + newContact()).statusCode()).isEqualTo(401);
  }

  @Test
  void anOperatorsChangeNeedsCockpitsCsrfTokenAndIsAuditedUnderTheirName() throws Exception {
    String contact = newContact();
    Session demo = new Session().logIn("demo", "demo");

    HttpResponse<String> forged = demo.send("PUT", API + "/" + Browser.ENGINE + "/contacts/" + contact + "/channels/SMS", "{}", false);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
    assertThat(dnd.record(contact).isActive(DndTarget.SMS)).isFalse();

    // (Camunda ends the session of a request that fails its CSRF check: the next one is 401)
    demo = new Session().logIn("demo", "demo");

    HttpResponse<String> set = demo.send("PUT", API + "/" + Browser.ENGINE + "/contacts/" + contact + "/channels/SMS",
        "{\"note\": \"asked by phone\"}", true);
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(set.body()).contains("\"contactId\":\"" + contact + "\"").contains("\"status\":\"PARTIAL\"");
    assertThat(dnd.record(contact).isActive(DndTarget.SMS)).isTrue();
    assertThat(dnd.history(contact, 0, 1).get(0)).satisfies(row -> {
      assertThat(row.action()).isEqualTo(AuditAction.SET);
      assertThat(row.evidence().actor()).isEqualTo("demo");
      assertThat(row.evidence().note()).isEqualTo("asked by phone");
    });
  }

  @Test
  void badInputIsAProblemThatSaysWhatWasWrongAndChangesNothing() throws Exception {
    String contact = newContact();
    Session demo = new Session().logIn("demo", "demo");

    HttpResponse<String> channel = demo.send("PUT", API + "/" + Browser.ENGINE + "/contacts/" + contact + "/channels/PIGEON", "", true);
    assertThat(channel.statusCode()).isEqualTo(400);
    assertThat(channel.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(channel.body()).contains("PIGEON").contains("\"field\":");
    assertThat(dnd.history(contact, 0, 10)).noneMatch(row -> row.action() == AuditAction.SET);

    HttpResponse<String> unknown = demo.get(API + "/" + Browser.ENGINE + "/contacts/c-nobody-" + UUID.randomUUID());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("urn:dndguard:problem:contact-not-found");

    HttpResponse<String> blank = demo.get(API + "/" + Browser.ENGINE + "/contacts?q=%20");
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.body()).contains("Type a contact id, a phone number or an e-mail address");

    HttpResponse<String> note = demo.send("PUT", API + "/" + Browser.ENGINE + "/contacts/" + contact + "/channels/SMS", "{\"note\": 42}", true);
    assertThat(note.statusCode()).isEqualTo(400);
    assertThat(dnd.record(contact).isActive(DndTarget.SMS)).isFalse();
  }

  @Test
  void theSearchFindsAContactByPhoneAndEmailAsTheApiNormalisesThem() throws Exception {
    String contact = newContact();
    Session demo = new Session().logIn("demo", "demo");

    assertThat(demo.get(API + "/" + Browser.ENGINE + "/contacts?q=" + encode(" " + contact + " ")).body())
        .contains("\"contactId\":\"" + contact + "\"");
    assertThat(demo.get(API + "/" + Browser.ENGINE + "/contacts?q=" + encode("(415) 555-0199")).body())
        .contains("\"contactId\":\"" + contact + "\"").contains("phone +14155550199");
    assertThat(demo.get(API + "/" + Browser.ENGINE + "/contacts?q=" + encode(" " + contact.toUpperCase() + "@Example.COM ")).body())
        .contains("\"contactId\":\"" + contact + "\"");
    assertThat(demo.get(API + "/" + Browser.ENGINE + "/contacts?q=" + encode("c-nobody@example.com")).body())
        .contains("\"matches\":[]");
  }

  @Test
  void aReaderReadsButMayNotChangeAndAUserOfNoDndGroupMayDoNeither() throws Exception {
    String contact = newContact();
    String reader = newUser("dndReaders");
    String outsider = newUser(null);

    Session readerSession = new Session().logIn(reader, "secret-" + reader);
    assertThat(readerSession.get(API + "/" + Browser.ENGINE + "/contacts/" + contact).statusCode()).isEqualTo(200);
    assertThat(readerSession.get(API + "/" + Browser.ENGINE + "/me").body()).contains("\"READ\"").doesNotContain("CHANGE");
    HttpResponse<String> refused = readerSession.send("PUT", API + "/" + Browser.ENGINE + "/contacts/" + contact + "/channels/SMS", "", true);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(readerSession.send("POST", API + "/" + Browser.ENGINE + "/contacts/" + contact + "/workflow-removal", "", true)
        .statusCode()).isEqualTo(403);
    assertThat(dnd.record(contact).isActive(DndTarget.SMS)).isFalse();

    // with Camunda's authorization on, a user of no group has no access to Cockpit: Camunda refuses the login
    assertThat(new Session().tryLogIn(outsider, "secret-" + outsider).statusCode()).isEqualTo(403);
    // one that may open Cockpit, in no DND group, may read nothing of DND Guard's
    String viewer = newCockpitViewer();
    Session viewerSession = new Session().logIn(viewer, "secret-" + viewer);
    assertThat(viewerSession.get(API + "/" + Browser.ENGINE + "/contacts/" + contact).statusCode()).isEqualTo(403);
    assertThat(viewerSession.get(API + "/" + Browser.ENGINE + "/contacts?q=" + contact).statusCode()).isEqualTo(403);
  }

  @Test
  void anOperatorResendsAFailedMessageFromTheContactPageWithDndCheckedAndAudited() throws Exception {
    String contact = newContact();
    OutboxMessage queued = outbox.queueManual(MessageRequest.manual(contact, Channel.SMS, null, "Table ready", "demo"));
    // the provider refused it (a fixture: the reference application has no provider to refuse it)
    JdbcClient.create(dataSource).sql("UPDATE DND_OUTBOX SET STATUS = 'FAILED', DETAIL = 'Twilio answered HTTP 401'"
        + " WHERE ID = ?").param(queued.id()).update();
    String resendPath = API + "/" + Browser.ENGINE + "/contacts/" + contact + "/messages/" + queued.id() + "/resend";
    assertThat(new Session().get(API + "/static/app/plugin.js").body()).contains("dnd-resend").contains("/resend");

    String reader = newUser("dndReaders");
    Session readerSession = new Session().logIn(reader, "secret-" + reader);
    assertThat(readerSession.send("POST", resendPath, "", true).statusCode()).isEqualTo(403);

    Session demo = new Session().logIn("demo", "demo");
    HttpResponse<String> resent = demo.send("POST", resendPath, "", true);

    assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
    assertThat(resent.body()).contains("\"status\":\"PENDING\"").contains("\"actor\":\"demo\"");
    assertThat(outbox.messagesOf(contact, null, 0, 10)).extracting(OutboxMessage::status)
        .containsExactly(MessageStatus.PENDING, MessageStatus.FAILED);
    assertThat(dnd.history(contact, 0, 1).get(0)).satisfies(row -> {
      assertThat(row.action()).isEqualTo(AuditAction.MESSAGE_RESENT);
      assertThat(row.evidence().actor()).isEqualTo("demo");
      assertThat(row.evidence().messageId()).isEqualTo(String.valueOf(queued.id()));
    });

    dnd.set(contact, DndTarget.SMS, Evidence.user("ops", Instant.now()));
    HttpResponse<String> inDnd = demo.send("POST", resendPath, "", true);
    assertThat(inDnd.statusCode()).isEqualTo(409);
    assertThat(inDnd.body()).contains("urn:dndguard:problem:channel-in-dnd");
    assertThat(outbox.messagesOf(contact, null, 0, 10)).hasSize(2);
  }

  @Test
  void theDownloadEvidenceLinkGivesAReaderTheConsentFileAsAnAttachmentThatVerifies() throws Exception {
    String contact = newContact();
    dnd.set(contact, DndTarget.SMS, Evidence.user("demo", "asked by phone", Instant.now()));
    String evidence = API + "/" + Browser.ENGINE + "/contacts/" + contact + "/evidence";
    String reader = newUser("dndReaders");
    Session readerSession = new Session().logIn(reader, "secret-" + reader);

    // what a browser sends for a plain link
    HttpResponse<byte[]> json = readerSession.http.send(HttpRequest.newBuilder(readerSession.uri(evidence))
        .header("Accept", "text/html,*/*;q=0.8").GET().build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("application/json"));
    assertThat(json.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"consent-" + contact
        + ".json\"");
    assertThat(org.dndguard.store.internal.ConsentFile.verifies(json.body())).isTrue();
    String text = new String(json.body(), StandardCharsets.UTF_8);
    assertThat(text).contains("\"contactId\":\"" + contact + "\"").contains("\"note\":\"asked by phone\"");

    HttpResponse<String> csv = readerSession.http.send(HttpRequest.newBuilder(readerSession.uri(evidence
        + "?format=csv")).header("Accept", "text/html,*/*;q=0.8").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
    assertThat(csv.body()).contains("seq,at,type,id,what").contains(",AUDIT,").contains("asked by phone");

    HttpResponse<String> unknown = readerSession.get(API + "/" + Browser.ENGINE + "/contacts/nobody-" + UUID.randomUUID()
        + "/evidence");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(new Session().get(evidence).statusCode()).isEqualTo(401);
    String viewer = newCockpitViewer();
    assertThat(new Session().logIn(viewer, "secret-" + viewer).get(evidence).statusCode()).isEqualTo(403);
  }

  /** A user whose group may open Cockpit (Camunda's authorization is on) but is no DND group. */
  private String newCockpitViewer() {
    String viewer = newUser("cockpitViewers");
    if (authorizations.createAuthorizationQuery().groupIdIn("cockpitViewers").resourceType(Resources.APPLICATION)
        .count() == 0) {
      Authorization access = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      access.setGroupId("cockpitViewers");
      access.setResource(Resources.APPLICATION);
      access.setResourceId("cockpit");
      access.addPermission(Permissions.ACCESS);
      authorizations.saveAuthorization(access);
    }
    return viewer;
  }

  private String newContact() {
    String id = "c-api-" + UUID.randomUUID().toString().substring(0, 8);
    contacts.register(id, new ContactAddresses("+1 415 555 0199", id + "@example.com", null, null, null),
        Evidence.user("test", Instant.now()));
    return id;
  }

  private String newUser(String group) {
    String id = "u" + UUID.randomUUID().toString().substring(0, 8);
    User user = identity.newUser(id);
    user.setPassword("secret-" + id);
    user.setFirstName("Test");
    user.setLastName(id);
    identity.saveUser(user);
    if (group != null) {
      if (identity.createGroupQuery().groupId(group).count() == 0) {
        identity.saveGroup(identity.newGroup(group));
      }
      identity.createMembership(id, group);
    }
    return id;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A browser's session with Cockpit: its cookies, and the CSRF token Cockpit's client sends. */
  private final class Session {

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    Session logIn(String user, String password) throws IOException, InterruptedException {
      HttpResponse<String> login = tryLogIn(user, password);
      assertThat(login.statusCode()).as("login of %s: %s", user, login.body()).isEqualTo(200);
      // the login starts a new session; its CSRF token comes with the next page, as in the browser
      assertThat(get("/camunda/app/cockpit/" + Browser.ENGINE + "/").statusCode()).isEqualTo(200);
      return this;
    }

    HttpResponse<String> tryLogIn(String user, String password) throws IOException, InterruptedException {
      assertThat(get("/camunda/app/cockpit/" + Browser.ENGINE + "/").statusCode()).isEqualTo(200);
      return http.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/" + Browser.ENGINE + "/login/cockpit"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("X-XSRF-TOKEN", csrfToken())
          .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(password)))
          .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String body, boolean withCsrfToken)
        throws IOException, InterruptedException {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
          .header("Accept", "application/json")
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
      if (withCsrfToken) {
        request.header("X-XSRF-TOKEN", csrfToken());
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrfToken() {
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("Cockpit set no XSRF-TOKEN cookie"));
    }

    private URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }
  }
}
