package org.dndguard.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.dndguard.contact.Evidence;

/**
 * Two threads that remove one contact from all workflows at the same moment, as two operators or
 * an operator and a webhook might: the race each database's removal must survive.
 */
final class RemovalRace {

  private RemovalRace() {
  }

  /** What the race started for the contact, and what the two removals reported removed, together. */
  record Outcome(List<String> started, List<String> removed) {
  }

  /**
   * Starts twelve instances for the contact (every third calls a child process), then removes the
   * contact from all workflows from two threads at once.
   */
  static Outcome run(RuntimeService runtime, WorkflowRemoval removal, String contactId, String reason)
      throws Exception {
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String processKey = i % 3 == 0 ? "contact-calls-child" : "contact-waits";
      started.add(runtime.startProcessInstanceByKey(processKey, Map.of("contactId", contactId)).getId());
    }
    return new Outcome(started, removedByTwoThreadsAtOnce(removal, contactId, reason));
  }

  /** Starts both removals together, waits for both, and returns every instance either reported removed. */
  private static List<String> removedByTwoThreadsAtOnce(WorkflowRemoval removal, String contactId, String reason)
      throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<WorkflowRemovalResult>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        results.add(threads.submit(() -> {
          together.await(10, TimeUnit.SECONDS);
          return removal.removeFromAllWorkflows(contactId, reason, Evidence.user("test", null, Instant.now()));
        }));
      }
      List<String> removed = new ArrayList<>();
      for (Future<WorkflowRemovalResult> result : results) {
        removed.addAll(result.get(60, TimeUnit.SECONDS).removedProcessInstanceIds());
      }
      return removed;
    } finally {
      threads.shutdownNow();
    }
  }
}
