package org.dndguard.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.engine.DeliveryQueue;
import org.dndguard.store.AuditAction;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.ContactService;
import org.dndguard.store.internal.DndChangePublisher;
import org.dndguard.store.DndChangedEvent;
import org.dndguard.store.DndService;
import org.dndguard.workflow.WorkflowTestModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A listener of {@link DndChangedEvent} that throws cannot roll back the DND change (issue 20): an
 * opt-out commits with its audit row and DND Guard's own DndChanged delivery, and the failure is
 * counted as {@value DndChangePublisher#FAILURES}. The failures are real: an application listener
 * that runs a statement the database refuses on the change's own connection (which aborts a
 * PostgreSQL transaction unless rolled back to a savepoint), and a constraint that makes the engine's
 * job table refuse DND Guard's delivery job. Run on H2 and on embedded PostgreSQL.
 */
abstract class DndChangedListenersContract {

  static final String STARTS_ON_DND_CHANGED = "listeners-start-on-dnd-changed";

  /** The engine and DND Guard, with an application listener that fails when told to. */
  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration(excludeName = "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration")
  static class ListenerApplication {

    @Bean
    FailingListener failingListener(DataSource dataSource) {
      return new FailingListener(new JdbcTemplate(dataSource));
    }
  }

  /** A host's listener: when failing, it runs a statement the database refuses, then the exception escapes. */
  static class FailingListener {
    final AtomicBoolean failing = new AtomicBoolean();
    private final JdbcTemplate jdbc;

    FailingListener(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @EventListener
    void onDndChanged(DndChangedEvent event) {
      if (failing.get()) {
        jdbc.update("update no_such_table_of_the_host set x = 1");
      }
    }
  }

  @Autowired DndService dnd;
  @Autowired ContactService contacts;
  @Autowired AuditTrail audit;
  @Autowired DeliveryQueue deliveries;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired FailingListener listener;
  @Autowired MeterRegistry meters;
  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactions;

  String contactId;
  String phone;

  @BeforeEach
  void contactAndModel() {
    if (repository.createProcessDefinitionQuery().processDefinitionKey(STARTS_ON_DND_CHANGED).count() == 0) {
      repository.createDeployment().addModelInstance(STARTS_ON_DND_CHANGED + ".bpmn",
          Bpmn.createExecutableProcess(STARTS_ON_DND_CHANGED).camundaHistoryTimeToLive(1)
              .startEvent().message(DndChangedTrigger.MESSAGE)
              .userTask("review")
              .endEvent()
              .done()).deploy();
    }
    contactId = WorkflowTestModels.newContactId("listeners");
    phone = WorkflowTestModels.randomUsPhone();
    contacts.register(contactId, new ContactAddresses(phone, null, null, null, null),
        Evidence.user("test", Instant.now()));
    deliveries.deliverPending();
  }

  @AfterEach
  void listenerBehaves() {
    listener.failing.set(false);
  }

  @Test
  void anApplicationListenerThatThrowsCannotRollBackAnOptOut() {
    // given
    listener.failing.set(true);
    double failedBefore = failures("application");

    // when: the opt-out, in one transaction with its claim, as the webhook runs it
    optOut();

    // then
    assertOptOutInForce();
    assertThat(failures("application")).isEqualTo(failedBefore + 1);
    assertThat(deliveries.pending()).as("DND Guard's own DndChanged delivery").isEqualTo(1);
    deliveries.deliverPending();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(STARTS_ON_DND_CHANGED)
        .processInstanceBusinessKey(contactId).count()).isEqualTo(1);
  }

  @Test
  void aDeliveryThatCannotBeRecordedCannotRollBackAnOptOut() {
    // given: the engine's job table refuses DND Guard's delivery jobs
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.execute("alter table ACT_RU_JOB add constraint DND_TEST_REFUSE_DELIVERY check (HANDLER_TYPE_ <> '"
        + "dnd-guard-delivery')");
    double failedBefore = failures("dnd-guard");
    try {
      // when
      optOut();
    } finally {
      jdbc.execute("alter table ACT_RU_JOB drop constraint DND_TEST_REFUSE_DELIVERY");
    }

    // then
    assertOptOutInForce();
    assertThat(failures("dnd-guard")).isEqualTo(failedBefore + 1);
    assertThat(deliveries.pending()).isZero();
  }

  @Test
  void withListenersThatBehaveTheChangeIsDeliveredOnceAndNothingIsCounted() {
    double failedBefore = failures("application") + failures("dnd-guard");

    optOut();

    assertOptOutInForce();
    assertThat(failures("application") + failures("dnd-guard")).isEqualTo(failedBefore);
    assertThat(deliveries.pending()).isEqualTo(1);
  }

  private void optOut() {
    Evidence evidence = Evidence.providerEvent(Source.TWILIO, "SM-" + contactId, Instant.now())
        .actor("AC" + "0".repeat(32)).keyword("STOP").note("inbound SMS keyword STOP").build();
    new TransactionTemplate(transactions).executeWithoutResult(tx -> dnd.applyToAddress(AddressKind.PHONE, phone,
        new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT, evidence)));
  }

  private void assertOptOutInForce() {
    assertThat(dnd.record(contactId).isBlocked(Channel.SMS)).isTrue();
    assertThat(dnd.record(contactId).entry(DndTarget.SMS, DndReason.SMS_OPT_OUT)).isPresent();
    assertThat(audit.inOrder(contactId)).filteredOn(row -> row.action() == AuditAction.SET).singleElement()
        .satisfies(row -> assertThat(row.evidence().keyword()).isEqualTo("STOP"));
  }

  private double failures(String listenerTag) {
    var counter = meters.find(DndChangePublisher.FAILURES).tag("listener", listenerTag).counter();
    return counter == null ? 0 : counter.count();
  }
}
