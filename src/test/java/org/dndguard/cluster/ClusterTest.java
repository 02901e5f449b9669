package org.dndguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.cluster.ClusterFixture.TestContact;
import org.dndguard.cluster.StepTimeline.Judgement;
import org.dndguard.contact.DndRecord;
import org.dndguard.store.DndService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes on one PostgreSQL database, each with its own job executor and outbox dispatch (see
 * {@link ClusterFixture}): what one node changes, the other honours at once; what both receive
 * counts once; under 10,000 DND events no step runs after an opt-out committed; and when a node goes
 * away, the other finishes its work. The tests share one cluster and have contacts of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// only for speed: the tests that take node A down run last, so that it is restarted at most once
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private static final int LOAD_CONTACTS = 200;
  private static final int LOAD_EVENTS = 10_000;
  private static final int LOAD_ROUNDS = 6;
  private static final Duration LOAD_PAUSE = Duration.ofSeconds(5);
  // more senders than cores only make each request wait longer
  private static final int SENDERS = 4;

  private static final int FAILOVER_CAMPAIGNS = 80;

  private ClusterFixture cluster;
  private ExecutorService threads;

  @BeforeAll
  void startCluster() {
    cluster = ClusterFixture.start();
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void setUp() {
    threads = Executors.newFixedThreadPool(SENDERS);
    if (!cluster.a().isRunning()) {
      cluster.restart(cluster.a());
    }
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  // --- what one node changes, the other honours ---

  @Test
  void aDndChangeThroughNodeBSkipsEveryLaterStepOnEitherNode() {
    // given: campaigns started on node A that have texted and e-mailed their contacts once
    List<TestContact> byApi = contacts("guard-api", 10);
    List<TestContact> byWebhooks = contacts("guard-hook", 10);
    List<TestContact> everyone = new ArrayList<>(byApi);
    everyone.addAll(byWebhooks);
    List<ProcessInstance> campaigns = everyone.stream()
        .map(contact -> ClusterFixture.start(cluster.a(), "cluster-waits", contact, Map.of())).toList();
    awaitRoundDone("guard-", 1, everyone.size());
    assertThat(outboxCount("guard-")).as("round 1 queued a text and an e-mail per contact")
        .isEqualTo(2L * everyone.size());

    // when: through node B, DND on every channel: ALL by the API; STOP and an unsubscribe by webhooks
    for (TestContact contact : byApi) {
      assertThat(cluster.b().api("PUT", "/api/contacts/" + contact.id() + "/dnd/channels/ALL", null).statusCode())
          .isEqualTo(200);
    }
    for (TestContact contact : byWebhooks) {
      assertThat(cluster.b().twilio(ProviderEvents.TWILIO_SMS, ProviderEvents.inboundSms(contact.phone(), "STOP"))
          .body()).contains("<Message>");
      HttpResponse<String> unsubscribed = cluster.b().mailgun(ProviderEvents.mailgun("unsubscribed", contact.email()),
          Instant.now(), ProviderEvents.token());
      assertThat(ClusterNode.json(unsubscribed.body())).containsEntry("outcome", "DND_SET");
    }
    // and the next round is released on both nodes, whose job executors share its steps
    for (int i = 0; i < campaigns.size(); i++) {
      cluster.nodes().get(i % 2).runtime().createMessageCorrelation("NextRound")
          .processInstanceId(campaigns.get(i).getId()).correlate();
    }
    awaitRoundDone("guard-", 2, everyone.size());

    // then: every step of round 2 was skipped, on whichever node ran it, and nothing more was queued
    Judgement judgement = StepTimeline.judge(cluster.sql(), "guard-");
    List<StepTimeline.Step> secondRound = judgement.steps().stream().filter(s -> s.round() == 2).toList();
    assertThat(secondRound).hasSize(2 * everyone.size()).allMatch(StepTimeline.Step::skipped);
    assertThat(secondRound.stream().map(StepTimeline.Step::node).distinct()).as("the nodes that ran round 2")
        .containsExactlyInAnyOrder(ClusterFixture.NODE_A, ClusterFixture.NODE_B);
    assertThat(judgement.ranWhileBlocked()).isEmpty();
    assertThat(judgement.skippedWhileFree()).isEmpty();
    assertThat(outboxCount("guard-")).isEqualTo(2L * everyone.size());
  }

  @Test
  void removalThroughNodeBEndsTheWorkflowsStartedOnNodeA() {
    // given: three campaigns per contact, started on node A, their texts running as jobs on both nodes
    List<TestContact> contacts = contacts("removal", 5);
    List<String> started = new ArrayList<>();
    for (TestContact contact : contacts) {
      for (int i = 0; i < 3; i++) {
        started.add(ClusterFixture.start(cluster.a(), "cluster-listens", contact, Map.of("rounds", 1000)).getId());
      }
    }
    await().atMost(PATIENCE).until(() -> outboxCount("removal-") >= 3L * started.size());

    // when
    for (TestContact contact : contacts) {
      HttpResponse<String> response = cluster.b().api("POST", "/api/contacts/" + contact.id() + "/workflow-removal",
          "{\"reason\": \"asked to be left alone\"}");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(ClusterNode.json(response.body())).containsEntry("removed", 3);
    }

    // then: none of them runs on either node, the history says why, and the contact index is empty
    for (ClusterNode node : cluster.nodes()) {
      assertThat(node.runtime().createProcessInstanceQuery().processInstanceIds(new HashSet<>(started)).count())
          .isZero();
    }
    List<HistoricProcessInstance> ended = cluster.a().bean(ProcessEngine.class).getHistoryService()
        .createHistoricProcessInstanceQuery().processInstanceIds(new HashSet<>(started)).list();
    assertThat(ended).hasSize(started.size())
        .allSatisfy(instance -> assertThat(instance.getDeleteReason()).contains("asked to be left alone"));
    assertThat(cluster.sql().sql("SELECT COUNT(*) FROM DND_CONTACT_INSTANCE WHERE CONTACT_ID LIKE 'removal-%'")
        .query(Long.class).single()).isZero();
  }

  @Test
  void everyDndChangeAndTextReachesTheCampaignsThatListenForThemWhileTheirStepsRun() throws Exception {
    // given: campaigns whose texts run as jobs on both nodes, while event sub-processes take DndChanged and
    // the contact's own texts
    List<TestContact> contacts = contacts("listens", 20);
    Map<TestContact, String> campaigns = new LinkedHashMap<>();
    for (int i = 0; i < contacts.size(); i++) {
      campaigns.put(contacts.get(i), ClusterFixture.start(cluster.nodes().get(i % 2), "cluster-listens",
          contacts.get(i), Map.of("rounds", 40)).getId());
    }

    // when: the contacts text STOP, START and replies, to either node, while the campaigns' texts run
    List<LoadEvent> events = new ArrayList<>();
    Random random = new Random(7);
    List<LoadEvent.Kind> kinds = List.of(LoadEvent.Kind.STOP, LoadEvent.Kind.START, LoadEvent.Kind.REPLY);
    for (int i = 0; i < 300; i++) {
      events.add(new LoadEvent(kinds.get(i % 3), contacts.get(random.nextInt(contacts.size())), random.nextInt(2)));
    }
    assertThat(send(events)).containsOnlyKeys(200);
    // the messages are delivered by either node's job executor, after the requests answered
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
        cluster.b().bean(org.dndguard.engine.DeliveryQueue.class).pending() == 0);
    await().atMost(PATIENCE).until(() -> campaigns.values().stream().allMatch(id -> cluster.b().runtime()
        .createExecutionQuery().processInstanceId(id).activityId("waitToFinish").count() == 1));
    assertThat(cluster.b().bean(org.dndguard.engine.DeliveryQueue.class).failed()).isZero();

    // then: each campaign took DndChanged once for every change on its contact's audit trail, and every reply
    for (Map.Entry<TestContact, String> campaign : campaigns.entrySet()) {
      TestContact contact = campaign.getKey();
      assertThat(deliveries(campaign.getValue(), "dndChanged")).as("DndChanged taken by the campaign of " + contact)
          .isEqualTo(changes(contact).size());
      assertThat(deliveries(campaign.getValue(), "inboundSms")).as("texts taken by the campaign of " + contact)
          .isEqualTo(events.stream().filter(e -> e.kind() == LoadEvent.Kind.REPLY && e.contact().equals(contact))
              .count());
      cluster.b().runtime().createMessageCorrelation("Finish").processInstanceId(campaign.getValue()).correlate();
    }
  }

  // --- what both nodes receive counts once ---

  @Test
  void theSameEventDeliveredToBothNodesAtOnceChangesDndOnce() throws Exception {
    for (TestContact contact : contacts("twice", 15)) {
      // when: a STOP text, a carrier error and an unsubscribe each reach both nodes at the same moment
      Map<String, String> stop = ProviderEvents.inboundSms(contact.phone(), "STOP");
      List<HttpResponse<String>> stops = onBothNodesAtOnce(node -> node.twilio(ProviderEvents.TWILIO_SMS, stop));
      Map<String, String> carrierError = ProviderEvents.undelivered(contact.phone(), "30004");
      List<HttpResponse<String>> carrierErrors = onBothNodesAtOnce(node ->
          node.twilio(ProviderEvents.TWILIO_STATUS, carrierError));
      Map<String, Object> unsubscribed = ProviderEvents.mailgun("unsubscribed", contact.email());
      // Mailgun signs each delivery anew: the same event id, a new token
      List<HttpResponse<String>> unsubscribes = onBothNodesAtOnce(node -> node.mailgun(unsubscribed, Instant.now(),
          ProviderEvents.token()));

      // then: one confirmation text; one change each, the other delivery a duplicate; one audit row each
      assertThat(stops).extracting(HttpResponse::statusCode).containsExactly(200, 200);
      assertThat(stops).filteredOn(response -> response.body().contains("<Message>")).hasSize(1);
      assertThat(carrierErrors).extracting(response -> ClusterNode.json(response.body()).get("outcome"))
          .containsExactlyInAnyOrder("DND_SET", "DUPLICATE");
      assertThat(unsubscribes).extracting(response -> ClusterNode.json(response.body()).get("outcome"))
          .containsExactlyInAnyOrder("DND_SET", "DUPLICATE");
      assertThat(changes(contact)).containsExactlyInAnyOrder("SET SMS SMS_OPT_OUT", "SET SMS CARRIER_PERMANENT",
          "SET EMAIL EMAIL_UNSUBSCRIBE");
    }
  }

  @Test
  void aMailgunSignatureIsAcceptedOnceAcrossNodes() throws Exception {
    for (TestContact contact : contacts("replay", 15)) {
      // when: one signed request, token and all, reaches both nodes at the same moment
      Map<String, Object> complaint = ProviderEvents.mailgun("complained", contact.email());
      Instant signedAt = Instant.now();
      String token = ProviderEvents.token();
      List<HttpResponse<String>> responses = onBothNodesAtOnce(node -> node.mailgun(complaint, signedAt, token));

      // then: one node acts on it, the other refuses the replayed token
      assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 403);
      assertThat(responses).filteredOn(response -> response.statusCode() == 403).singleElement()
          .satisfies(refused -> assertThat(refused.body()).contains("was used before"));
      assertThat(changes(contact)).containsExactly("SET EMAIL SPAM_COMPLAINT");
    }
  }

  @Test
  void outboxDispatchOnBothNodesSendsEachMessageOnce() {
    // given: campaigns on both nodes, three rounds of a text and an e-mail each
    List<TestContact> contacts = contacts("dispatch", 30);
    for (int i = 0; i < contacts.size(); i++) {
      ClusterFixture.start(cluster.nodes().get(i % 2), "cluster-rounds", contacts.get(i), 3, Duration.ZERO);
    }

    // when: both nodes' dispatch runs drain the outbox
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
        outboxCount("dispatch-") == 180 && outboxCount("dispatch-", "SENT") == 180);

    // then: every message reached its provider exactly once, and both nodes sent some
    List<String> bodies = cluster.sql().sql("SELECT BODY FROM DND_OUTBOX WHERE CONTACT_ID LIKE 'dispatch-%'")
        .query(String.class).list();
    Map<String, Long> timesSent = cluster.timesSent();
    assertThat(bodies).hasSize(180).allSatisfy(body -> assertThat(timesSent.get(body)).as(body).isEqualTo(1L));
    assertThat(cluster.sent().stream().filter(sent -> bodies.contains(sent.body())).map(ClusterFixture.Sent::node)
        .distinct()).containsExactlyInAnyOrder(ClusterFixture.NODE_A, ClusterFixture.NODE_B);
  }

  // --- under load ---

  @Test
  void tenThousandDndEventsOnBothNodesWhileStepsRunOnBoth() throws Exception {
    // given: 200 contacts, each in a campaign of a text and an e-mail per round, half started on each node
    List<TestContact> contacts = contacts("load", LOAD_CONTACTS);
    for (int i = 0; i < contacts.size(); i++) {
      ClusterFixture.start(cluster.nodes().get(i % 2), "cluster-rounds", contacts.get(i), LOAD_ROUNDS, LOAD_PAUSE);
    }
    long began = System.nanoTime();

    // when: 10,000 DND events, by webhook and by the API, each to one node or the other, while the steps run
    List<LoadEvent> events = LoadEvent.plan(contacts, LOAD_EVENTS, new Random(8));
    Map<Integer, Long> statuses = send(events);
    long eventsSent = System.nanoTime();
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() ->
        runningCampaigns("load-") == 0 && undispatched("load-") == 0);
    Judgement judgement = StepTimeline.judge(cluster.sql(), "load-");
    List<Map<String, Object>> messages = cluster.sql()
        .sql("SELECT BODY, STATUS, DETAIL FROM DND_OUTBOX WHERE CONTACT_ID LIKE 'load-%'").query().listOfRows();
    System.out.printf("Cluster load: %,d events in %d s; %d steps ran, %d were skipped, %d raced with a change;"
            + " messages by status: %s%n", events.size(), TimeUnit.NANOSECONDS.toSeconds(eventsSent - began),
        judgement.ran(), judgement.skipped(), judgement.raced(),
        messages.stream().collect(Collectors.groupingBy(m -> m.get("status"), Collectors.counting())));

    // then: every event was taken, and each contact's DND is what its audit trail replays to
    assertThat(statuses).as("HTTP statuses of the events").containsOnlyKeys(200);
    DndService dnd = cluster.a().bean(DndService.class);
    for (TestContact contact : contacts) {
      assertThat(entries(dnd.record(contact.id()))).as(contact.id()).isEqualTo(entries(dnd.replay(contact.id())));
    }
    // no step ran for a contact after its opt-out committed, and none was skipped while its channel was free
    assertThat(judgement.unfinished()).isZero();
    assertThat(judgement.unorderedTrails()).as("trails whose changes did not commit one after the other").isEmpty();
    assertThat(judgement.steps()).hasSize(LOAD_CONTACTS * LOAD_ROUNDS * 2);
    assertThat(judgement.ranWhileBlocked()).isEmpty();
    assertThat(judgement.skippedWhileFree()).isEmpty();
    assertThat(judgement.steps().stream().map(StepTimeline.Step::node).distinct()).as("the nodes that ran steps")
        .containsExactlyInAnyOrder(ClusterFixture.NODE_A, ClusterFixture.NODE_B);
    assertThat(judgement.ran()).as("steps that ran").isPositive();
    assertThat(judgement.skipped()).as("steps that were skipped").isPositive();
    // each step that ran queued one message, and no message was dispatched twice
    assertThat((long) messages.size()).isEqualTo(judgement.ran());
    assertEachMessageSentOnceAtMost(messages);
  }

  // --- a node goes away ---

  @Test
  @Order(Integer.MAX_VALUE - 1)
  void aNodeStoppedInTheMiddleOfARunFinishesWhatItHeldAndTheOtherTheRest() {
    // given: campaigns of a text, a slow CRM update and an e-mail, started on both nodes, node A busy
    startFailoverCampaigns("stopped");
    ClusterNode a = cluster.a();
    String lockOwner = a.lockOwner();
    awaitBusy("stopped", lockOwner);
    List<String> held = List.copyOf(jobsLockedBy(lockOwner).keySet());

    // when: node A is stopped as in a rolling deployment, its context closed while its jobs run
    a.stop();

    // then: every campaign ends; each job node A held ran once, and everything committed once
    awaitFailoverCampaignsDone("stopped");
    for (String job : held) {
      assertThat(successfulRuns(job)).as("runs of job " + job + ", which node A held").hasSize(1);
    }
    assertEveryStepCommittedOnceAndEveryMessageSentOnce("stopped");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void aCrashedNodesJobsRunOnTheOtherOnceTheirLocksExpire() {
    // given
    startFailoverCampaigns("crashed");
    ClusterNode a = cluster.a();
    String lockOwner = a.lockOwner();
    awaitBusy("crashed", lockOwner);
    Map<String, Timestamp> held = jobsLockedBy(lockOwner);

    // when: node A loses the database in the middle of its jobs
    cluster.crash(a);

    // then: node B runs the jobs node A held, each once and not before its lock expired
    awaitFailoverCampaignsDone("crashed");
    int takenOver = 0;
    for (Map.Entry<String, Timestamp> job : held.entrySet()) {
      List<Map<String, Object>> runs = cluster.sql().sql("SELECT HOSTNAME_, TIMESTAMP_ FROM ACT_HI_JOB_LOG"
          + " WHERE JOB_ID_ = ? AND JOB_STATE_ = 2").param(job.getKey()).query().listOfRows();
      assertThat(runs).as("successful runs of job " + job.getKey() + ", which node A held").hasSize(1);
      if (ClusterFixture.NODE_B.equals(runs.get(0).get("hostname_"))) {
        takenOver++;
        assertThat((Timestamp) runs.get(0).get("timestamp_")).as("when node B ran job " + job.getKey())
            .isAfterOrEqualTo(job.getValue());
      }
    }
    assertThat(takenOver).as("jobs of node A's that node B ran").isPositive();
    assertEveryStepCommittedOnceAndEveryMessageSentOnce("crashed");
  }

  // --- helpers ---

  private List<TestContact> contacts(String prefix, int count) {
    List<TestContact> contacts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      contacts.add(cluster.register(prefix));
    }
    return contacts;
  }

  /** Waits until every contact's text and e-mail step of the round has committed. */
  private void awaitRoundDone(String prefix, int round, int contacts) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> cluster.sql()
        .sql("SELECT COUNT(*) FROM CLUSTER_STEP WHERE CONTACT_ID LIKE ? AND ROUND = ? AND SNAPSHOT_AT_END IS NOT NULL")
        .params(prefix + "%", round).query(Long.class).single() == 2L * contacts);
  }

  /** Sends the events from the senders' threads; how many answers had each HTTP status. */
  private Map<Integer, Long> send(List<LoadEvent> events) throws Exception {
    ConcurrentLinkedQueue<LoadEvent> queue = new ConcurrentLinkedQueue<>(events);
    Map<Integer, Long> statuses = new ConcurrentHashMap<>();
    List<Future<?>> senders = new ArrayList<>();
    for (int t = 0; t < SENDERS; t++) {
      senders.add(threads.submit(() -> {
        for (LoadEvent event = queue.poll(); event != null; event = queue.poll()) {
          statuses.merge(event.sendTo(cluster.nodes().get(event.node())).statusCode(), 1L, Long::sum);
        }
        return null;
      }));
    }
    for (Future<?> sender : senders) {
      sender.get(5, TimeUnit.MINUTES);
    }
    return statuses;
  }

  /** How often the message start event of the campaign's event sub-process was taken. */
  private long deliveries(String processInstanceId, String startEventId) {
    return cluster.a().bean(ProcessEngine.class).getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId).activityId(startEventId).count();
  }

  private long runningCampaigns(String prefix) {
    return cluster.b().runtime().createProcessInstanceQuery().variableValueLike("contactId", prefix + "%").count();
  }

  private static List<String> entries(DndRecord record) {
    return record.entries().stream().map(e -> e.target() + "/" + e.reason()).toList();
  }

  private long outboxCount(String prefix) {
    return cluster.sql().sql("SELECT COUNT(*) FROM DND_OUTBOX WHERE CONTACT_ID LIKE ?").param(prefix + "%")
        .query(Long.class).single();
  }

  private long outboxCount(String prefix, String status) {
    return cluster.sql().sql("SELECT COUNT(*) FROM DND_OUTBOX WHERE CONTACT_ID LIKE ? AND STATUS = ?")
        .params(prefix + "%", status).query(Long.class).single();
  }

  private long undispatched(String prefix) {
    return cluster.sql().sql("SELECT COUNT(*) FROM DND_OUTBOX WHERE CONTACT_ID LIKE ?"
        + " AND STATUS IN ('PENDING', 'CLAIMED', 'SENDING')").param(prefix + "%").query(Long.class).single();
  }

  /**
   * Each SENT message reached its provider once, a BLOCKED one never. A message whose node could not
   * learn the provider's answer (a timeout: FAILED; a crash mid-send: UNKNOWN) may have gone out once.
   */
  private void assertEachMessageSentOnceAtMost(List<Map<String, Object>> messages) {
    Map<String, Long> timesSent = cluster.timesSent();
    for (Map<String, Object> message : messages) {
      long sent = timesSent.getOrDefault((String) message.get("body"), 0L);
      switch ((String) message.get("status")) {
        case "SENT" -> assertThat(sent).as(message.toString()).isEqualTo(1L);
        case "BLOCKED" -> assertThat(sent).as(message.toString()).isZero();
        default -> {
          assertThat(message.get("status")).as(message.toString()).isIn("FAILED", "UNKNOWN");
          assertThat((String) message.get("detail")).as(message.toString()).containsAnyOf("may have been sent",
              "whether it was sent is unknown");
          assertThat(sent).as(message.toString()).isLessThanOrEqualTo(1L);
        }
      }
    }
  }

  /** The contact's DND changes on its audit trail: action, target, reason. */
  private List<String> changes(TestContact contact) {
    return cluster.sql().sql("SELECT ACTION || ' ' || TARGET || ' ' || REASON FROM DND_AUDIT WHERE CONTACT_ID = ?"
            + " AND ACTION IN ('SET', 'CLEARED') ORDER BY ID")
        .param(contact.id()).query(String.class).list();
  }

  /** Sends one request to each node from two threads released together; the answers in node order. */
  private List<HttpResponse<String>> onBothNodesAtOnce(Function<ClusterNode, HttpResponse<String>> request)
      throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    List<Future<HttpResponse<String>>> responses = new ArrayList<>();
    for (ClusterNode node : cluster.nodes()) {
      responses.add(threads.submit(() -> {
        together.await(10, TimeUnit.SECONDS);
        return request.apply(node);
      }));
    }
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (Future<HttpResponse<String>> response : responses) {
      answers.add(response.get(60, TimeUnit.SECONDS));
    }
    return answers;
  }

  /** Failover campaigns on both nodes that all begin at one moment, a little after the last has started. */
  private void startFailoverCampaigns(String prefix) {
    List<TestContact> contacts = contacts(prefix, FAILOVER_CAMPAIGNS);
    Instant startAt = Instant.now().plusSeconds(3);
    for (int i = 0; i < contacts.size(); i++) {
      ClusterFixture.start(cluster.nodes().get(i % 2), "cluster-failover", contacts.get(i),
          Map.of("startAt", startAt.toString()));
    }
  }

  /** Waits until node A has finished some of the campaigns' steps and holds more jobs than it is running. */
  private void awaitBusy(String prefix, String lockOwner) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() ->
        cluster.sql().sql("SELECT COUNT(*) FROM CLUSTER_STEP WHERE NODE = ? AND CONTACT_ID LIKE ?")
            .params(ClusterFixture.NODE_A, prefix + "-%").query(Long.class).single() >= 5
            && jobsLockedBy(lockOwner).size() >= 12);
  }

  /** The jobs the lock owner holds, each with the moment its lock expires. */
  private Map<String, Timestamp> jobsLockedBy(String lockOwner) {
    Map<String, Timestamp> jobs = new LinkedHashMap<>();
    cluster.sql().sql("SELECT ID_, LOCK_EXP_TIME_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ = ?").param(lockOwner)
        .query(rs -> {
          jobs.put(rs.getString("ID_"), rs.getTimestamp("LOCK_EXP_TIME_"));
        });
    return jobs;
  }

  private List<String> successfulRuns(String job) {
    return cluster.sql().sql("SELECT HOSTNAME_ FROM ACT_HI_JOB_LOG WHERE JOB_ID_ = ? AND JOB_STATE_ = 2")
        .param(job).query(String.class).list();
  }

  private void awaitFailoverCampaignsDone(String prefix) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() ->
        cluster.b().bean(ProcessEngine.class).getHistoryService().createHistoricProcessInstanceQuery()
            .processDefinitionKey("cluster-failover").variableValueLike("contactId", prefix + "-%").completed()
            .count() == FAILOVER_CAMPAIGNS && undispatched(prefix + "-") == 0);
  }

  private void assertEveryStepCommittedOnceAndEveryMessageSentOnce(String prefix) {
    assertThat(cluster.sql().sql("SELECT COUNT(*) FROM ACT_RU_INCIDENT").query(Long.class).single()).isZero();
    // the probe's row commits with its step: one text and one e-mail step per campaign
    assertThat(cluster.sql().sql("SELECT COUNT(*) FROM CLUSTER_STEP WHERE CONTACT_ID LIKE ?").param(prefix + "-%")
        .query(Long.class).single()).isEqualTo(2L * FAILOVER_CAMPAIGNS);
    List<Map<String, Object>> messages = cluster.sql().sql("SELECT PROCESS_INSTANCE_ID, ACTIVITY_ID, BODY, STATUS,"
        + " DETAIL FROM DND_OUTBOX WHERE CONTACT_ID LIKE ?").param(prefix + "-%").query().listOfRows();
    assertThat(messages).as("one message per step").hasSize(2 * FAILOVER_CAMPAIGNS)
        .extracting(m -> m.get("process_instance_id") + "/" + m.get("activity_id")).doesNotHaveDuplicates();
    assertThat(messages).as("no contact of these campaigns is in DND").noneMatch(m -> "BLOCKED".equals(m.get("status")));
    assertEachMessageSentOnceAtMost(messages);
  }
}
