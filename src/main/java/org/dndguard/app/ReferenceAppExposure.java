package org.dndguard.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.dndguard.autoconfigure.DndProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The reference application listens on loopback only as it ships ({@code server.address=127.0.0.1}).
 * Told to listen elsewhere, it refuses to start while a development secret is in force: the webhook
 * secrets of {@code reference-app.properties}, with which anyone can forge an opt-out, an opt-in that
 * lifts a real one, or a spam complaint that no user can undo; the unsubscribe secret, with which
 * anyone can make a link that unsubscribes any contact from e-mail; or the Camunda user {@code demo} with
 * the password {@code demo}. The error says what to set. It runs before the server binds its port.
 */
@Component
class ReferenceAppExposure implements InitializingBean {

  static final String DEV_TWILIO_TOKEN = "dev-only-twilio-auth-token";
  static final String DEV_MAILGUN_KEY = "dev-only-mailgun-signing-key";
  static final String DEV_UNSUBSCRIBE_SECRET = "dev-only-unsubscribe-secret";

  private final Environment environment;
  private final DndProperties properties; // null with dnd.enabled=false: no webhooks, no secrets to check
  private final IdentityService identityService;

  ReferenceAppExposure(Environment environment, ObjectProvider<DndProperties> properties,
      IdentityService identityService) {
    this.environment = environment;
    this.properties = properties.getIfAvailable();
    this.identityService = identityService;
  }

  @Override
  public void afterPropertiesSet() {
    String address = environment.getProperty("server.address", "");
    if (isLoopback(address)) {
      return;
    }
    List<String> problems = developmentSecrets();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The reference application refuses to listen on "
          + (address.isBlank() ? "every network interface (server.address is not set)" : "'" + address + "'")
          + " while development secrets are in force: " + String.join("; ", problems)
          + ". Set them, or keep server.address=127.0.0.1 to use the application on this machine only.");
    }
  }

  /** What would let anyone who can reach the application forge provider events or log in as an admin. */
  List<String> developmentSecrets() {
    List<String> problems = new ArrayList<>();
    // the bound properties, so every way of setting them (relaxed names, environment variables) counts
    if (properties != null && DEV_TWILIO_TOKEN.equals(properties.webhooks().twilio().authToken())) {
      problems.add("dnd.webhooks.twilio.auth-token is the development value; set your Twilio auth token"
          + " (environment variable DND_WEBHOOKS_TWILIO_AUTHTOKEN)");
    }
    if (properties != null && DEV_MAILGUN_KEY.equals(properties.webhooks().mailgun().signingKey())) {
      problems.add("dnd.webhooks.mailgun.signing-key is the development value; set your Mailgun HTTP webhook"
          + " signing key (environment variable DND_WEBHOOKS_MAILGUN_SIGNINGKEY)");
    }
    if (properties != null && DEV_UNSUBSCRIBE_SECRET.equals(properties.unsubscribe().secret())) {
      problems.add("dnd.unsubscribe.secret is the development value; set a secret of your own, at least 16"
          + " characters, the same on every node (environment variable DND_UNSUBSCRIBE_SECRET)");
    }
    // the user in the database, not the property: the starter creates the admin once and never
    // changes its password; checked last, as a wrong password delays that user's next login
    if (identityService.createUserQuery().userId("demo").count() > 0 && identityService.checkPassword("demo", "demo")) {
      problems.add("the Camunda user 'demo' has the password 'demo'; change it in Camunda Admin (or start once"
          + " on loopback with camunda.bpm.admin-user.password=... before the user is created), or delete the user");
    }
    return problems;
  }

  private static boolean isLoopback(String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    try {
      return InetAddress.getByName(address.strip()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
