package org.dndguard.engine.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.engine.DndGuard;
import org.dndguard.workflow.ContactInstanceIndex;
import org.dndguard.workflow.IndexedInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contact index registered without Spring (both of DND Guard's plugins; the engine started by
 * Camunda's own container steps, its transactions the engine's own, its pool smaller than the number
 * of threads that start instances at once): a row is written on the command's own connection, so it
 * commits and rolls back with the instance's start and end, and no command takes a second
 * connection. Each subclass starts the engine from its XML on its database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContactIndexWithoutSpringContract {

  /** The engine's pool: fewer connections than {@link #THREADS}. */
  static final int POOL_SIZE = 2;
  private static final int THREADS = 6;

  private ContainerEngines container;
  private ProcessEngine engine;
  private DndGuard dnd;

  /** Starts the container whose engine {@link #engineName()} has both plugins, contact variable {@code customerId}. */
  abstract ContainerEngines startContainer();

  abstract String engineName();

  @BeforeAll
  void startTheEngine() {
    container = startContainer();
    engine = container.engine(engineName());
    dnd = DndGuard.on(dataSource());
    engine.getRepositoryService().createDeployment()
        .addClasspathResource("org/dndguard/engine/camunda/IndexedCampaign.bpmn")
        .addClasspathResource("org/dndguard/engine/camunda/IndexedStartFails.bpmn").deploy();
  }

  @AfterAll
  void stopTheEngine() {
    container.close();
  }

  @Test
  void anInstanceIsIndexedByTheContactOfThePluginsVariableAsItStarts() {
    // given
    String contactId = registeredContact();

    // when
    ProcessInstance instance = start("IndexedCampaign", contactId);

    // then
    assertThat(indexedContactOf(instance.getId())).contains(contactId);
  }

  @Test
  void aHostWithoutSpringFindsAContactsRunningInstancesThroughTheIndex() {
    // given
    String contactId = registeredContact();
    ProcessInstance instance = start("IndexedCampaign", contactId);

    // when: what docs/host-application.md shows for a host without Spring
    ContactInstanceIndex index = new ContactInstanceIndex(DndGuard.tables(dataSource(), true));

    // then
    assertThat(index.instancesOf(contactId)).extracting(IndexedInstance::processInstanceId)
        .containsExactly(instance.getId());
  }

  @Test
  void theRowIsWrittenInTheStartsTransactionAndRollsBackWithIt() {
    // given
    String contactId = registeredContact();
    AtomicReference<String> started = new AtomicReference<>();
    AtomicReference<Optional<String>> onTheCommandsConnection = new AtomicReference<>();
    AtomicReference<Optional<String>> onAnotherConnection = new AtomicReference<>();
    Command<Void> startThenFailTheCommit = commandContext -> {
      started.set(start("IndexedCampaign", contactId).getId());
      commandContext.getTransactionContext().addTransactionListener(TransactionState.COMMITTING, committing -> {
        // the index has been written by now (sessions flush before the commit), but not committed
        onTheCommandsConnection.set(indexedContactOf(
            committing.getDbSqlSession().getSqlSession().getConnection(), started.get()));
        onAnotherConnection.set(indexedContactOf(started.get()));
        throw new IllegalStateException("the commit fails after the index was written");
      });
      return null;
    };

    // when
    assertThatThrownBy(() -> configuration().getCommandExecutorTxRequired().execute(startThenFailTheCommit))
        .hasMessageContaining("the commit fails after the index was written");

    // then: the row was on the command's connection only, and went with the rollback
    assertThat(onTheCommandsConnection.get()).contains(contactId);
    assertThat(onAnotherConnection.get()).isEmpty();
    assertThat(indexedContactOf(started.get())).isEmpty();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(started.get()).count())
        .isZero();
  }

  @Test
  void theRowGoesWhenTheInstanceEnds() {
    // given
    String contactId = registeredContact();
    ProcessInstance instance = start("IndexedCampaign", contactId);

    // when
    String task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    engine.getTaskService().complete(task);

    // then
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count())
        .isZero();
    assertThat(indexedContactOf(instance.getId())).isEmpty();
  }

  @Test
  void theRowGoesWhenTheInstanceIsDeleted() {
    // given
    String contactId = registeredContact();
    ProcessInstance instance = start("IndexedCampaign", contactId);

    // when
    engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test");

    // then
    assertThat(indexedContactOf(instance.getId())).isEmpty();
  }

  @Test
  void aStartThatRollsBackLeavesNoRow() {
    // given
    String contactId = registeredContact();

    // when: the step after the guarded SMS fails in the start's own transaction
    assertThatThrownBy(() -> start("IndexedStartFails", contactId)).hasMessageContaining("beanThatDoesNotExist");

    // then
    assertThat(contactRows(contactId)).isZero();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("IndexedStartFails").variableValueEquals("customerId", contactId).count()).isZero();
  }

  @Test
  void startsAboveThePoolSizeTakeNoSecondConnection() throws Exception {
    // given: more threads than the pool has connections, each with a contact of its own
    List<String> contacts = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      contacts.add(registeredContact());
    }
    ExecutorService threads = Executors.newFixedThreadPool(THREADS, work -> {
      Thread thread = new Thread(work, "guarded-start");
      thread.setDaemon(true); // a thread left waiting for a connection must not keep the JVM alive
      return thread;
    });
    try {
      // when: each starts a guarded instance at once (the guard reads DND, the index writes a row)
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> starts = new ArrayList<>();
      for (String contactId : contacts) {
        starts.add(threads.submit(() -> {
          go.await();
          return start("IndexedCampaign", contactId).getId();
        }));
      }
      go.countDown();

      // then: every start finishes (a second connection per command would wait for the pool forever)
      for (int i = 0; i < THREADS; i++) {
        String instanceId = starts.get(i).get(60, TimeUnit.SECONDS);
        assertThat(indexedContactOf(instanceId)).contains(contacts.get(i));
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private ProcessInstance start(String key, String contactId) {
    return engine.getRuntimeService().startProcessInstanceByKey(key, Map.of("customerId", contactId));
  }

  private String registeredContact() {
    String contactId = "c-" + UUID.randomUUID();
    dnd.contactService().register(contactId, new ContactAddresses("+44 20 7946 0958", null, null, null, null),
        Evidence.user("test", Instant.now()));
    return contactId;
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  private DataSource dataSource() {
    return engine.getProcessEngineConfiguration().getDataSource();
  }

  /** The row's contact, read on a connection of its own (which sees committed rows only). */
  private Optional<String> indexedContactOf(String processInstanceId) {
    try (Connection connection = dataSource().getConnection()) {
      return indexedContactOf(connection, processInstanceId);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<String> indexedContactOf(Connection connection, String processInstanceId) {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT CONTACT_ID FROM DND_CONTACT_INSTANCE WHERE PROCESS_INSTANCE_ID = ?")) {
      select.setString(1, processInstanceId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private int contactRows(String contactId) {
    try (Connection connection = dataSource().getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT COUNT(*) FROM DND_CONTACT_INSTANCE WHERE CONTACT_ID = ?")) {
      select.setString(1, contactId);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
