package org.dndguard.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.app.DndGuardApplication;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.store.ContactService;
import org.dndguard.testsupport.TestDatabases;
import org.springframework.boot.SpringApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Two reference applications on one embedded PostgreSQL database: Camunda 7's cluster model. Each
 * node runs with the {@code postgres} profile, its own engine, job executor and outbox dispatch, the
 * test models of this package and {@link ClusterProbes}; Twilio and Mailgun are one loopback stand-in
 * that records what each node sent. Both nodes share the public URL of a load balancer
 * ({@value #PUBLIC_BASE_URL}), for which the providers sign their webhooks.
 *
 * <p>The settings that make a test fast (job acquisition, lock time, dispatch interval, timeouts)
 * are the fixture's, not the product's defaults. Each node connects as a database role of its own,
 * so that {@link #crash} can cut one off.
 */
final class ClusterFixture implements AutoCloseable {

  static final String PUBLIC_BASE_URL = "https://dnd.example.com";
  static final String NODE_A = "node-a";
  static final String NODE_B = "node-b";
  /** How long a node holds the jobs it has acquired: after this, another node runs the jobs of a crashed one. */
  static final int LOCK_TIME_MILLIS = 5000;

  private static final AtomicInteger NUMBERS = new AtomicInteger();
  private static final AtomicInteger CLUSTERS = new AtomicInteger();

  private final WireMockServer providers;
  private final HikariDataSource pool;
  private final String jdbcUrl;
  private final String roles;
  private final List<String> extraArgs;
  private final List<ClusterNode> nodes = new ArrayList<>();

  private ClusterFixture(WireMockServer providers, HikariDataSource pool, String jdbcUrl, List<String> extraArgs) {
    this.providers = providers;
    this.pool = pool;
    this.jdbcUrl = jdbcUrl;
    // roles belong to the whole PostgreSQL server, which every test of the JVM shares
    this.roles = "dnd_cluster_" + CLUSTERS.incrementAndGet() + "_";
    this.extraArgs = List.copyOf(extraArgs);
  }

  /**
   * A fresh database, the providers' stand-in and two nodes, started one after the other.
   *
   * @param extraArgs further {@code --name=value} settings for both nodes
   */
  static ClusterFixture start(String... extraArgs) {
    WireMockServer providers = startProviders();
    DataSource database = TestDatabases.postgres();
    HikariConfig config = new HikariConfig();
    config.setDataSource(database);
    config.setMaximumPoolSize(3);
    HikariDataSource pool = new HikariDataSource(config);
    ClusterFixture cluster = new ClusterFixture(providers, pool, TestDatabases.postgresUrl(database),
        List.of(extraArgs));
    try {
      cluster.sql().sql(ClusterProbes.TABLE_DDL).update();
      // the first node creates Camunda's schema, the demo user and the deployment; the second finds them
      cluster.nodes.add(cluster.startNode(NODE_A));
      cluster.nodes.add(cluster.startNode(NODE_B));
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  ClusterNode a() {
    return nodes.get(0);
  }

  ClusterNode b() {
    return nodes.get(1);
  }

  List<ClusterNode> nodes() {
    return List.copyOf(nodes);
  }

  /** Starts a stopped or crashed node again, on the same database, as a restart after a deployment would. */
  ClusterNode restart(ClusterNode node) {
    if (node.isRunning()) {
      throw new IllegalStateException(node + " is running");
    }
    sql().sql("ALTER ROLE " + role(node.name()) + " LOGIN").update();
    ClusterNode restarted = startNode(node.name());
    nodes.set(nodes.indexOf(node), restarted);
    return restarted;
  }

  /**
   * Crashes a node as a power cut or a lost network would: its database role may no longer log in
   * and PostgreSQL ends its connections, rolling back the transactions they had open. Then the node
   * is taken down without reaching the database again: its pool closes, its job threads end where
   * they are, and its context closes, unable to finish or hand back anything.
   */
  void crash(ClusterNode node) {
    String role = role(node.name());
    sql().sql("ALTER ROLE " + role + " NOLOGIN").update();
    sql().sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?").param(role)
        .query().listOfRows();
    // whatever the node tries from now on fails at once, as it would on a dead machine, instead of
    // waiting for connections while its context closes
    node.bean(HikariDataSource.class).close();
    node.bean("camundaTaskExecutor", ThreadPoolTaskExecutor.class).getThreadPoolExecutor().shutdownNow();
    node.stop();
  }

  private String role(String node) {
    return roles + node.replace('-', '_');
  }

  private String createRole(String node) {
    String role = role(node);
    if (sql().sql("SELECT COUNT(*) FROM pg_roles WHERE rolname = ?").param(role).query(Long.class).single() == 0) {
      // a superuser, so that each node may use the tables another node's first start created
      sql().sql("CREATE ROLE " + role + " LOGIN SUPERUSER").update();
    }
    return role;
  }

  /** The shared database, for the tests' own checks. */
  JdbcClient sql() {
    return JdbcClient.create(pool);
  }

  private ClusterNode startNode(String name) {
    List<String> args = new ArrayList<>(List.of(
        // read no application.properties: the tests' one points every context at an in-memory H2
        "--spring.config.location=optional:classpath:/no-such-config/",
        "--spring.profiles.active=postgres",
        "--DND_DB_URL=" + jdbcUrl,
        "--DND_DB_USER=" + createRole(name),
        // a job holds its connection while it runs, and a request may hold two (DndChanged, refusals)
        "--DND_DB_POOL_SIZE=24",
        "--spring.datasource.hikari.connection-timeout=5000",
        "--server.port=0",
        "--spring.main.banner-mode=off",
        "--logging.level.root=WARN",
        "--cluster.node=" + name,
        // two engines in one JVM must not share a name; two JVMs would not have to care
        "--camunda.bpm.generate-unique-process-engine-name=true",
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        "--camunda.bpm.job-execution.enabled=true",
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS,
        "--camunda.bpm.job-execution.wait-time-in-millis=100",
        "--camunda.bpm.job-execution.max-wait=500",
        "--dnd.app.models=" + models(),
        "--dnd.webhooks.public-base-url=" + PUBLIC_BASE_URL,
        "--dnd.messaging.dispatch.interval=200ms",
        "--dnd.messaging.dispatch.batch-size=50",
        "--dnd.messaging.dispatch.backoff=1s",
        "--dnd.messaging.dispatch.connect-timeout=1s",
        "--dnd.messaging.dispatch.read-timeout=4s",
        "--dnd.messaging.dispatch.claim-timeout=11s",
        "--dnd.messaging.twilio.base-url=" + providers.baseUrl(),
        "--dnd.messaging.twilio.account-sid=" + twilioAccount(name),
        "--dnd.messaging.twilio.auth-token=twilio-api-token",
        "--dnd.messaging.twilio.from=+15005550006",
        "--dnd.messaging.mailgun.base-url=" + providers.baseUrl(),
        "--dnd.messaging.mailgun.api-key=mailgun-api-key",
        "--dnd.messaging.mailgun.domain=" + mailgunDomain(name),
        "--dnd.messaging.mailgun.from=Acme Dental <care@mg.example.com>"));
    if (extraArgs.stream().noneMatch(arg -> arg.startsWith("--dnd.quiet-hours.enabled="))) {
      // quiet hours depend on the time of day; ClusterQuietHoursTest is about them and switches them on
      args.add("--dnd.quiet-hours.enabled=false");
    }
    args.addAll(extraArgs);
    return new ClusterNode(name, SpringApplication.run(
        new Class<?>[] {DndGuardApplication.class, ClusterProbes.class}, args.toArray(String[]::new)));
  }

  // --- contacts and workflows ---

  /** A contact with a phone number and e-mail address of its own. */
  record TestContact(String id, String phone, String email) {
  }

  TestContact register(String prefix) {
    int n = NUMBERS.incrementAndGet();
    TestContact contact = new TestContact(prefix + "-" + n, String.format("+1415%07d", 2_000_000 + n),
        prefix + "-" + n + "@example.com");
    a().bean(ContactService.class).register(contact.id(),
        new ContactAddresses(contact.phone(), contact.email(), null, null, null),
        Evidence.user("cluster-test", Instant.now()));
    return contact;
  }

  /**
   * Starts a process for the contact on the node: {@code round} counts the rounds it has begun,
   * {@code rounds} is how many it makes, {@code pause} how long it waits between two.
   */
  static ProcessInstance start(ClusterNode node, String processKey, TestContact contact, int rounds, Duration pause) {
    return start(node, processKey, contact, Map.of("rounds", rounds, "pause", pause.toString()));
  }

  /** Starts a process for the contact on the node, with the variables the model needs besides the contact. */
  static ProcessInstance start(ClusterNode node, String processKey, TestContact contact, Map<String, Object> variables) {
    Map<String, Object> all = new LinkedHashMap<>(variables);
    all.put("contactId", contact.id());
    all.put("round", 0);
    return node.runtime().startProcessInstanceByKey(processKey, all);
  }

  // --- what reached the providers ---

  /** One message as a provider received it, and the node that sent it. */
  record Sent(String body, String node) {
  }

  /** Every message that reached Twilio or Mailgun, from any node. */
  List<Sent> sent() {
    List<Sent> sent = new ArrayList<>();
    for (LoggedRequest request : providers.findAll(postRequestedFor(urlPathMatching(".*/Messages\\.json")))) {
      sent.add(new Sent(request.formParameter("Body").firstValue(), nodeOfUrl(request.getUrl())));
    }
    for (LoggedRequest request : providers.findAll(postRequestedFor(urlPathMatching("/v3/.*/messages")))) {
      // the body as the workflow wrote it, without the unsubscribe footer every outbox e-mail gets
      String text = request.getPart("text").getBody().asString();
      int footer = text.lastIndexOf("\n\n--\n");
      sent.add(new Sent(footer < 0 ? text : text.substring(0, footer), nodeOfUrl(request.getUrl())));
    }
    return sent;
  }

  /** How often each body reached a provider. */
  Map<String, Long> timesSent() {
    return sent().stream().collect(Collectors.groupingBy(Sent::body, Collectors.counting()));
  }

  private static String nodeOfUrl(String url) {
    for (String name : List.of(NODE_A, NODE_B)) {
      if (url.contains(twilioAccount(name)) || url.contains(mailgunDomain(name))) {
        return name;
      }
    }
    throw new IllegalStateException("No node sends to " + url);
  }

  private static String twilioAccount(String node) {
    return "AC_" + node.replace('-', '_').toUpperCase();
  }

  private static String mailgunDomain(String node) {
    return node + ".mg.example.com";
  }

  private static WireMockServer startProviders() {
    WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(30));
    server.start();
    server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json")).willReturn(aResponse()
        .withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"sid\": \"SM" + "0".repeat(32) + "\", \"status\": \"queued\"}")));
    server.stubFor(post(urlPathMatching("/v3/[^/]+/messages")).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"id\": \"<20261127.1@mg.example.com>\", \"message\": \"Queued. Thank you.\"}")));
    return server;
  }

  private static Path models() {
    try {
      return Path.of(ClusterFixture.class.getResource("/org/dndguard/cluster").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (ClusterNode node : nodes) {
      if (node.isRunning()) {
        node.stop();
      }
    }
    pool.close();
    providers.stop();
  }
}
