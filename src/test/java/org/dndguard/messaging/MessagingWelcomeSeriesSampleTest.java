package org.dndguard.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.store.ContactService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The sample model in {@code bpmn/} queues what it promises. */
@ReferenceAppContext
class MessagingWelcomeSeriesSampleTest {

  @Autowired
  private ProcessEngine processEngine;
  @Autowired
  private ContactService contacts;
  @Autowired
  private Outbox outbox;

  @BeforeEach
  void init() throws IOException {
    BpmnAwareTests.init(processEngine);
    // deployed from the file people open in the Modeler, so the test runs what they see
    Path sample = Path.of("bpmn", "messaging-welcome-series.bpmn");
    processEngine.getRepositoryService().createDeployment().name("messaging-welcome-series-sample")
        .addString(sample.getFileName().toString(), Files.readString(sample))
        .enableDuplicateFiltering(true)
        .deploy();
  }

  @Test
  void theWelcomeSeriesTextsFirstAndEmailsAWeekLater() {
    String ann = "welcome-series-" + UUID.randomUUID();
    contacts.register(ann, new ContactAddresses("+16285550100", "ann@example.com", null, null, null),
        Evidence.user("test", Instant.now()));

    ProcessInstance series = processEngine.getRuntimeService().startProcessInstanceByKey("messaging-welcome-series",
        Map.of("contactId", ann, "firstName", "Ann"));
    assertThat(series).isWaitingAt("waitAWeek");
    execute(job());

    assertThat(series).isEnded();
    List<OutboxMessage> queued = outbox.messagesOf(ann, null, 0, 10);
    assertThat(queued).extracting(OutboxMessage::channel).containsExactly(Channel.EMAIL, Channel.SMS);
    assertThat(queued.get(1).body()).isEqualTo("Hi Ann, welcome aboard!\nReply STOP to unsubscribe.");
    assertThat(queued.get(0).subject()).isEqualTo("Three tips for your first week, Ann");
  }
}
