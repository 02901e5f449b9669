package org.dndguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;

/**
 * Communication limits across two engines on one PostgreSQL database: 200 steps for 20 contacts,
 * started at once through both nodes' REST APIs on more threads than a node's pool has connections,
 * under the rule "SMS, 3 per day". The check and the count are one atomic step behind the contact's
 * row lock, so exactly three steps run per contact and the other seven wait for the contact's next
 * midnight, with no deadlock and no 5xx.
 */
class ClusterLimitsTest {

  private static final int CONTACTS = 20;
  private static final int STEPS_PER_CONTACT = 10;
  /** Above a node's pool of 24 connections: requests wait for connections as well as for locks. */
  private static final int THREADS = 60;

  @Test
  void twoHundredStepsForTwentyContactsAtOnceRunExactlyThreePerContact() throws Exception {
    try (ClusterFixture cluster = ClusterFixture.start(
        "--dnd.limits.rules[0].name=sms-3-per-day",
        "--dnd.limits.rules[0].channels=SMS",
        "--dnd.limits.rules[0].count=3",
        "--dnd.limits.rules[0].window=DAY")) {
      List<ClusterFixture.TestContact> contacts = new ArrayList<>();
      for (int i = 0; i < CONTACTS; i++) {
        contacts.add(cluster.register("limited"));
      }

      ExecutorService threads = Executors.newFixedThreadPool(THREADS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> responses = new ArrayList<>();
      for (int step = 0; step < STEPS_PER_CONTACT; step++) {
        for (int c = 0; c < CONTACTS; c++) {
          ClusterNode node = (step + c) % 2 == 0 ? cluster.a() : cluster.b();
          String contactId = contacts.get(c).id();
          // each node's engine has a name of its own (two engines in one JVM)
          String start = "/engine-rest/engine/" + node.bean(ProcessEngine.class).getName()
              + "/process-definition/key/cluster-limits/start";
          responses.add(threads.submit(() -> {
            go.await();
            return node.api("POST", start,
                "{\"variables\": {\"contactId\": {\"value\": \"" + contactId + "\", \"type\": \"String\"}}}");
          }));
        }
      }
      go.countDown();
      List<String> statuses = new ArrayList<>();
      for (Future<HttpResponse<String>> response : responses) {
        HttpResponse<String> answer = response.get(5, TimeUnit.MINUTES);
        statuses.add(answer.statusCode() + (answer.statusCode() == 200 ? "" : " " + answer.body()));
      }
      threads.shutdown();
      assertThat(statuses).as("every start answered 200: no deadlock, no 5xx").containsOnly("200");

      Map<String, Long> ran = cluster.sql().sql("SELECT CONTACT_ID, COUNT(*) AS N FROM DND_COMMUNICATION"
              + " GROUP BY CONTACT_ID").query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
          .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      Map<String, Long> deferred = cluster.sql().sql("SELECT CONTACT_ID, COUNT(*) AS N FROM DND_SKIP"
              + " WHERE OUTCOME = 'DEFERRED' AND LIMIT_RULE = 'sms-3-per-day' GROUP BY CONTACT_ID")
          .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
          .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      for (ClusterFixture.TestContact contact : contacts) {
        assertThat(ran.get(contact.id())).as("steps that ran for %s", contact.id()).isEqualTo(3L);
        assertThat(deferred.get(contact.id())).as("steps deferred for %s", contact.id()).isEqualTo(7L);
      }
      // the three that ran ended; the seven deferred wait at the step, each with its timer
      assertThat(cluster.a().runtime().createProcessInstanceQuery().processDefinitionKey("cluster-limits").count())
          .isEqualTo(CONTACTS * 7L);
      assertThat(cluster.sql().sql("SELECT COUNT(*) FROM ACT_RU_JOB WHERE HANDLER_TYPE_ = 'dnd-guard-deferred-step'")
          .query(Long.class).single()).isEqualTo(CONTACTS * 7L);
    }
  }
}
