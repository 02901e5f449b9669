package org.dndguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.messaging.Outbox;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.test.DndAssertions;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sample models of bpmn/ as the reference app runs them: the real send delegates and outbox, a
 * real contact, DND set by the events that set it in production.
 */
@ReferenceAppContext
class SampleModelsTest {

  private static int numbers = (int) (System.nanoTime() % 9000);

  @Autowired
  ProcessEngine engine;
  @Autowired
  ContactService contacts;
  @Autowired
  DndService dnd;
  @Autowired
  Outbox outbox;

  @Test
  void theChannelFallbackSendsAnEmailWhenTheContactTextedStop() {
    // given: a contact who texted STOP
    String phone = newPhone();
    String contact = register(phone);
    dnd.applyToAddress(AddressKind.PHONE, phone, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT,
        Evidence.providerEvent(Source.TWILIO, "SM-" + contact, Instant.now()).keyword("STOP").build()));

    // when
    ProcessInstance reminder = engine.getRuntimeService().startProcessInstanceByKey("channel-fallback",
        Map.of("contactId", contact));

    // then: no SMS, the e-mail instead
    DndAssertions.assertThat(engine, reminder).hasRouted("sendReminderSms");
    assertThat(channelsSentTo(contact)).containsExactly(Channel.EMAIL);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(reminder.getId())
        .singleResult().getState()).isEqualTo("COMPLETED");
  }

  @Test
  void theChannelFallbackTextsAContactWhoMayBeTexted() {
    String contact = register(newPhone());

    ProcessInstance reminder = engine.getRuntimeService().startProcessInstanceByKey("channel-fallback",
        Map.of("contactId", contact));

    DndAssertions.assertThat(engine, reminder).hasNoSkipRecords();
    assertThat(channelsSentTo(contact)).containsExactly(Channel.SMS);
    assertThat(outbox.messagesOf(contact, null, 0, 10).get(0).body()).contains("Reply STOP to unsubscribe.");
  }

  @Test
  void theNurtureCampaignSkipsTheEmailOfAContactInEmailDndAndGoesOn() {
    // given
    String contact = register(newPhone());
    ProcessInstance campaign = engine.getRuntimeService().startProcessInstanceByKey("nurture-campaign",
        Map.of("contactId", contact));
    assertThat(channelsSentTo(contact)).containsExactly(Channel.SMS);

    // when: the contact unsubscribes from e-mail during the two days' wait
    dnd.set(contact, DndTarget.EMAIL, Evidence.user("demo", "asked by phone", Instant.now()));
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(campaign.getId()).singleResult();
    engine.getManagementService().executeJob(timer.getId());

    // then: the e-mail is skipped, the call task is created
    DndAssertions.assertThat(engine, campaign).hasSkipped("sendFollowUpEmail");
    Task call = engine.getTaskService().createTaskQuery().processInstanceId(campaign.getId()).singleResult();
    assertThat(call.getTaskDefinitionKey()).isEqualTo("callLead");

    // and after the call, WhatsApp goes out
    engine.getTaskService().complete(call.getId());
    assertThat(channelsSentTo(contact)).containsExactly(Channel.SMS, Channel.WHATSAPP);
  }

  private String register(String phone) {
    String id = "sample-" + UUID.randomUUID();
    contacts.register(id, new ContactAddresses(phone, id + "@example.com", phone, null, null),
        Evidence.user("test", Instant.now()));
    return id;
  }

  private List<Channel> channelsSentTo(String contact) {
    return outbox.messagesOf(contact, null, 0, 50).stream()
        .sorted(java.util.Comparator.comparingLong(OutboxMessage::id))
        .map(OutboxMessage::channel)
        .toList();
  }

  private static synchronized String newPhone() {
    return "+1415555" + String.format("%04d", numbers++ % 10000);
  }
}
