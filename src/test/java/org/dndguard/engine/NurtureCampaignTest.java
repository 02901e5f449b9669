package org.dndguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Instant;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.test.DndAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample nurture campaign of bpmn/ (SMS, two days, e-mail, a call by sales, WhatsApp), run
 * with contacts whose DND changes while they are in it.
 */
class NurtureCampaignTest extends EngineScenarioTest {

  @BeforeEach
  void deployCampaign() {
    deploySample("nurture-campaign.bpmn");
  }

  @Test
  void aContactWhoUnsubscribesBetweenTwoStepsGetsTheEarlierMessagesAndNotTheLaterOnes() {
    // given a lead who got the welcome SMS and waits for the follow-up
    String lead = newContact();
    ProcessInstance campaign = start("nurture-campaign", lead);
    assertThat(campaign).isWaitingAt("waitTwoDays");
    assertThat(sent(campaign)).containsExactly("sendWelcomeSms");

    // when the lead unsubscribes from e-mail (a Mailgun event for their address), and two days pass
    dnd().dndService().applyToAddress(AddressKind.EMAIL, lead + "@example.com", new DndCommand.Set(DndTarget.EMAIL,
        DndReason.EMAIL_UNSUBSCRIBE, Evidence.providerEvent(Source.MAILGUN, "evt-1", Instant.now()).build()));
    executeJob(campaign);

    // then the e-mail is skipped and the lead goes on to the next wait state, the call
    assertThat(campaign).isWaitingAt("callLead");
    assertThat(sent(campaign)).containsExactly("sendWelcomeSms");
    DndAssertions.assertThat(campaign).hasSkipped("sendFollowUpEmail").hasNotSkipped("sendWelcomeSms", "callLead");

    // and after the call, WhatsApp still goes out
    complete(task(campaign));
    assertThat(campaign).isEnded();
    assertThat(sent(campaign)).containsExactly("sendWelcomeSms", "sendWhatsAppOffer");
    assertThat(skipRecords(campaign)).singleElement()
        .satisfies(record -> assertThat(record.reason()).isEqualTo(DndReason.EMAIL_UNSUBSCRIBE));
  }

  @Test
  void aContactWhoTurnsOnDndForAllChannelsMidwayGetsNothingMoreAndFinishesTheCampaign() {
    // given
    String lead = newContact();
    ProcessInstance campaign = start("nurture-campaign", lead);

    // when
    setDnd(lead, DndTarget.ALL);
    executeJob(campaign);

    // then
    assertThat(campaign).isEnded();
    assertThat(sent(campaign)).containsExactly("sendWelcomeSms");
    DndAssertions.assertThat(campaign).hasSkipped("sendFollowUpEmail", "callLead", "sendWhatsAppOffer")
        .hasNotSkipped("sendWelcomeSms");
  }

  @Test
  void theManualCallTaskIsNotCreatedWhileCallIsInDnd() {
    // given
    String lead = newContact();
    setDnd(lead, DndTarget.CALL);
    ProcessInstance campaign = start("nurture-campaign", lead);

    // when
    executeJob(campaign);

    // then no sales rep is asked to call, and the campaign goes on
    assertThat(processEngine().getTaskService().createTaskQuery().processInstanceId(campaign.getId()).count()).isZero();
    assertThat(campaign).isEnded();
    assertThat(sent(campaign)).containsExactly("sendWelcomeSms", "sendFollowUpEmail", "sendWhatsAppOffer");
    DndAssertions.assertThat(campaign).hasSkipped("callLead");
  }

  @Test
  void theCallTaskIsCreatedForSalesWhenCallIsFree() {
    // given
    String lead = newContact();
    ProcessInstance campaign = start("nurture-campaign", lead);

    // when
    executeJob(campaign);

    // then
    assertThat(campaign).isWaitingAt("callLead");
    assertThat(task(campaign)).hasCandidateGroup("sales");
    DndAssertions.assertThat(campaign).hasNoSkipRecords();
  }
}
