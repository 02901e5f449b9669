package org.dndguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.dndguard.contact.Channel;
import org.dndguard.contact.DndTarget;
import org.dndguard.test.DndAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ALL blocks every channel; a channel's own DND blocks that channel and no other. */
@Deployment(resources = "org/dndguard/engine/EveryChannel.bpmn")
class ChannelBlockingTest extends EngineScenarioTest {

  private static final Map<Channel, String> STEPS = Map.of(Channel.SMS, "sendSms", Channel.EMAIL, "sendEmail",
      Channel.WHATSAPP, "sendWhatsApp", Channel.FACEBOOK, "sendFacebook", Channel.GMB, "sendGmb",
      Channel.CALL, "callContact");
  private static final List<String> SENDING_STEPS =
      List.of("sendSms", "sendEmail", "sendWhatsApp", "sendFacebook", "sendGmb");

  @Test
  void allBlocksEveryChannel() {
    // given
    String contact = newContact();
    setDnd(contact, DndTarget.ALL);

    // when
    ProcessInstance instance = start("EveryChannel", contact);

    // then nothing went out, no call task was created, and the contact went through to the end
    assertThat(sent(instance)).isEmpty();
    assertThat(instance).isEnded();
    DndAssertions.assertThat(instance).hasSkipped("sendSms", "sendEmail", "sendWhatsApp", "sendFacebook", "sendGmb",
        "callContact");
    assertThat(skipRecords(instance)).allSatisfy(record -> assertThat(record.blockedBy()).isEqualTo(DndTarget.ALL));
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void aChannelsOwnDndBlocksOnlyThatChannel(Channel channel) {
    // given
    String contact = newContact();
    setDnd(contact, DndTarget.of(channel));

    // when
    ProcessInstance instance = start("EveryChannel", contact);
    if (channel != Channel.CALL) {
      assertThat(instance).isWaitingAt("callContact");
      processEngine().getTaskService().complete(processEngine().getTaskService().createTaskQuery()
          .processInstanceId(instance.getId()).singleResult().getId());
    }

    // then
    List<String> expectedSent = new ArrayList<>(SENDING_STEPS);
    expectedSent.remove(STEPS.get(channel));
    assertThat(sent(instance)).containsExactlyElementsOf(expectedSent);
    assertThat(instance).isEnded();
    assertThat(skipRecords(instance)).singleElement().satisfies(record -> {
      assertThat(record.activityId()).isEqualTo(STEPS.get(channel));
      assertThat(record.channel()).isEqualTo(channel);
    });
  }

  @Test
  void aContactWithoutDndGetsEveryMessage() {
    // given
    String contact = newContact();

    // when
    ProcessInstance instance = start("EveryChannel", contact);

    // then
    assertThat(instance).isWaitingAt("callContact");
    assertThat(sent(instance)).containsExactlyElementsOf(SENDING_STEPS);
    DndAssertions.assertThat(instance).hasNoSkipRecords();
  }
}
