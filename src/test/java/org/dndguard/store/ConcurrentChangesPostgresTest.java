package org.dndguard.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndChangeRefusedException;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Eight threads making 500 changes each to one contact on a real PostgreSQL: user sets and clears,
 * carrier errors, STOP and START by address, and clears and STARTs that the rules refuse. No update and no
 * audit row may be lost: the final record is what the audit trail replays to, and every published
 * change has its audit row.
 */
class ConcurrentChangesPostgresTest {

  private static final int THREADS = 8;
  private static final int CHANGES_PER_THREAD = 500;
  private static final String CONTACT = "c-busy";
  private static final String PHONE = "+14155550100";

  private HikariDataSource pool;

  @AfterEach
  void closePool() {
    if (pool != null) {
      pool.close();
    }
  }

  @Test
  void concurrentChangesToOneContactLoseNothing() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setDataSource(TestDatabases.postgres());
    // each worker may hold two connections: its change and a refusal's own audit transaction
    config.setMaximumPoolSize(THREADS * 2 + 2);
    pool = new HikariDataSource(config);
    StoreFixture store = new StoreFixture(pool);
    store.contacts.register(CONTACT, new ContactAddresses(PHONE, "ann@example.com", null, null, null),
        Evidence.user("setup", store.clock.instant()));
    long auditRowsBefore = store.audit.count(CONTACT);

    CountDownLatch go = new CountDownLatch(1);
    ExecutorService workers = Executors.newFixedThreadPool(THREADS);
    List<Future<int[]>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long seed = 1000L + t;
      results.add(workers.submit(worker(store, go, seed)));
    }
    go.countDown();
    int refusals = 0;
    for (Future<int[]> result : results) {
      refusals += result.get(5, TimeUnit.MINUTES)[0];
    }
    workers.shutdown();

    List<AuditRecord> trail = store.audit.inOrder(CONTACT);
    long changeRows = trail.stream()
        .filter(r -> r.action() == AuditAction.SET || r.action() == AuditAction.CLEARED).count();
    long refusedRows = trail.stream().filter(r -> r.action() == AuditAction.REFUSED).count();

    assertThat(entriesOf(store.dnd.replay(CONTACT))).isEqualTo(entriesOf(store.dnd.record(CONTACT)));
    assertThat(changeRows).as("one audit row per published change").isEqualTo(store.changes().size());
    assertThat(refusedRows).as("one audit row per refusal").isEqualTo(refusals);
    assertThat(trail.size() - auditRowsBefore).isEqualTo(changeRows + refusedRows);
    assertThat(changeRows).as("the run made real changes").isGreaterThan(THREADS * CHANGES_PER_THREAD / 4);
    assertThat(refusals).as("the run met refusals").isPositive();
  }

  private Callable<int[]> worker(StoreFixture store, CountDownLatch go, long seed) {
    return () -> {
      Random random = new Random(seed);
      int refused = 0;
      go.await();
      for (int i = 0; i < CHANGES_PER_THREAD; i++) {
        Evidence user = Evidence.user("worker-" + seed, store.clock.instant());
        Evidence twilio = Evidence.providerEvent(Source.TWILIO, "SM" + seed + "-" + i, store.clock.instant())
            .keyword("STOP").build();
        DndTarget target = List.of(DndTarget.SMS, DndTarget.EMAIL, DndTarget.ALL, DndTarget.INBOUND_SMS)
            .get(random.nextInt(4));
        try {
          switch (random.nextInt(5)) {
            case 0 -> store.dnd.set(CONTACT, target, user);
            case 1 -> store.dnd.clear(CONTACT, target, user);
            case 2 -> store.dnd.applyToAddress(AddressKind.PHONE, PHONE,
                new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, twilio));
            // a START under a user's SMS DND or ALL is refused for the contact without an exception
            case 3 -> refused += (int) store.dnd.applyToAddress(AddressKind.PHONE, PHONE, new DndCommand.OptIn(twilio))
                .contacts().stream().filter(change -> change.decision().isRefused()).count();
            default -> store.dnd.applyToAddress(AddressKind.PHONE, PHONE,
                new DndCommand.Set(DndTarget.SMS, DndReason.CARRIER_TEMPORARY, twilio));
          }
        } catch (DndChangeRefusedException e) {
          refused++;
        }
      }
      return new int[] {refused};
    };
  }

  private static List<String> entriesOf(org.dndguard.contact.DndRecord record) {
    return record.entries().stream().map(e -> e.target() + "/" + e.reason()).toList();
  }
}
