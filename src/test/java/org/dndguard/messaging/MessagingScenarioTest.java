package org.dndguard.messaging;

import org.dndguard.contact.DndClock;
import org.dndguard.testsupport.EngineOnlyApplication;
import org.dndguard.testsupport.MutableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.dndguard.contact.AddressKind;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.OwnEngineContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.dndguard.engine.DndGuardException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Campaigns on Camunda's real engine, with DND Guard as any Camunda Spring Boot application gets
 * it, a clock the test moves, and Twilio standing in on loopback: what lands in the outbox, with
 * which compliance text, and what dispatch sends after the contact texted STOP.
 */
@OwnEngineContext(value = MessagingScenarioTest.CampaignApplication.class, properties = {
    "spring.datasource.url=jdbc:h2:mem:dnd-messaging-scenarios;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "camunda.bpm.job-execution.enabled=false",
    "camunda.bpm.history-level=full",
    "dnd.messaging.sms-sender=Acme Dental",
    "dnd.messaging.twilio.account-sid=AC0123",
    "dnd.messaging.twilio.auth-token=twilio-token",
    "dnd.messaging.twilio.from=+15005550006",
    "dnd.webhooks.public-base-url=https://dnd.example.com",
    // e-mail has no provider here: its messages are only logged, which is what the e-mail scenario needs
    "dnd.messaging.dispatch.log-only=true"})
class MessagingScenarioTest {

  private static final WireMockServer TWILIO = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  private static final AtomicInteger NUMBERS = new AtomicInteger();

  @Autowired
  private ProcessEngine processEngine;
  @Autowired
  private RuntimeService runtimeService;
  @Autowired
  private org.camunda.bpm.engine.RepositoryService repositoryService;
  @Autowired
  private ContactService contacts;
  @Autowired
  private DndService dnd;
  @Autowired
  private Outbox outbox;
  @Autowired
  private OutboxWorker worker;
  @Autowired
  private MutableClock clock;

  @EngineOnlyApplication
  static class CampaignApplication {

    @Bean
    MutableClock clock() {
      return new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    }

    @Bean
    DndClock dndClock(MutableClock clock) {
      return new DndClock(clock);
    }
  }

  @DynamicPropertySource
  static void twilio(DynamicPropertyRegistry registry) {
    if (!TWILIO.isRunning()) {
      TWILIO.start();
    }
    registry.add("dnd.messaging.twilio.base-url", TWILIO::baseUrl);
  }

  @AfterAll
  static void stopTwilio() {
    TWILIO.stop();
  }

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    processEngine.getRepositoryService().createDeployment().name("messaging-scenarios")
        .addClasspathResource("org/dndguard/messaging/sms-campaign.bpmn")
        .addClasspathResource("org/dndguard/messaging/sms-then-failing-step.bpmn")
        .addClasspathResource("org/dndguard/messaging/welcome-email.bpmn")
        .enableDuplicateFiltering(true)
        .deploy();
    TWILIO.resetAll();
    TWILIO.stubFor(post(urlPathMatching("/2010-04-01/Accounts/AC0123/Messages.json")).willReturn(aResponse()
        .withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"sid\": \"SM0001\"}")));
  }

  @Test
  void campaignSmsCarriesTheOptOutTextFirstNotWithinThePeriodAndAgainAfterIt() {
    // given
    String ann = contact("ann", new ContactAddresses(newPhone(), null, null, null, null));

    // when
    ProcessInstance campaign = runtimeService.startProcessInstanceByKey("sms-campaign",
        Map.of("contactId", ann, "firstName", "Ann"));
    assertThat(campaign).hasPassed("sendWelcomeSms").isWaitingAt("waitAWeek");
    clock.advance(Duration.ofDays(7));
    execute(job());
    assertThat(campaign).hasPassed("sendReminderSms").isWaitingAt("waitAMonth");
    clock.advance(Duration.ofDays(30));
    execute(job());

    // then
    assertThat(campaign).hasPassed("sendCheckUpSms").isEnded();
    List<OutboxMessage> received = oldestFirst(outbox.messagesOf(ann, null, 0, 10));
    assertThat(received).extracting(OutboxMessage::activityId)
        .containsExactly("sendWelcomeSms", "sendReminderSms", "sendCheckUpSms");
    assertThat(received).extracting(OutboxMessage::body).containsExactly(
        "Acme Dental: Hi Ann, welcome to Acme Dental!\nReply STOP to unsubscribe.",
        "Your first check-up is due, Ann.",
        // 37 days after the welcome SMS, the last one that carried the text
        "Acme Dental: Time for your check-up, Ann!\nReply STOP to unsubscribe.");
    assertThat(received).extracting(OutboxMessage::compliance).containsExactly(
        ComplianceOutcome.ADDED, ComplianceOutcome.NOT_DUE, ComplianceOutcome.ADDED);
    assertThat(received).allSatisfy(message -> {
      assertThat(message.processInstanceId()).isEqualTo(campaign.getId());
      assertThat(message.origin()).isEqualTo(MessageOrigin.WORKFLOW);
      assertThat(message.segments()).isEqualTo(1);
    });
  }

  @Test
  void anSmsQueuedBeforeTheContactTextedStopIsBlockedNotSent() {
    // given
    String annPhone = newPhone();
    String bobPhone = newPhone();
    String ann = contact("ann", new ContactAddresses(annPhone, null, null, null, null));
    String bob = contact("bob", new ContactAddresses(bobPhone, null, null, null, null));
    runtimeService.startProcessInstanceByKey("sms-campaign", Map.of("contactId", ann, "firstName", "Ann"));
    runtimeService.startProcessInstanceByKey("sms-campaign", Map.of("contactId", bob, "firstName", "Bob"));

    // when
    dnd.applyToAddress(AddressKind.PHONE, annPhone, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT,
        Evidence.providerEvent(Source.TWILIO, "SM-inbound-1", clock.instant()).keyword("STOP").build()));
    worker.dispatchDue();

    // then
    OutboxMessage toAnn = outbox.messagesOf(ann, null, 0, 10).get(0);
    assertThat(toAnn.status()).isEqualTo(MessageStatus.BLOCKED);
    assertThat(toAnn.dndReason()).isEqualTo(DndReason.SMS_OPT_OUT);
    assertThat(toAnn.detail()).contains("was set by the opt-out keyword STOP");
    assertThat(outbox.messagesOf(bob, null, 0, 10).get(0).status()).isEqualTo(MessageStatus.SENT);
    assertThat(requestsTo(annPhone)).isEmpty();
    assertThat(requestsTo(bobPhone)).hasSize(1);
  }

  @Test
  void theBusinessKeyIsTheContactWhenThereIsNoContactVariable() {
    String ann = contact("ann", new ContactAddresses(newPhone(), null, null, null, null));

    runtimeService.startProcessInstanceByKey("sms-campaign", ann, Map.of("firstName", "Ann"));

    assertThat(outbox.messagesOf(ann, null, 0, 10)).hasSize(1);
  }

  @Test
  void anEmailStepTakesSubjectAndBodyFromItsInputParameters() {
    String ann = contact("ann", new ContactAddresses(null, "ann@example.com", null, null, null));

    ProcessInstance welcome = runtimeService.startProcessInstanceByKey("welcome-email",
        Map.of("contactId", ann, "firstName", "Ann"));

    assertThat(welcome).isEnded();
    OutboxMessage email = outbox.messagesOf(ann, null, 0, 10).get(0);
    assertThat(email.subject()).isEqualTo("Welcome, Ann");
    assertThat(email.body()).isEqualTo("Dear Ann, thank you for joining Acme Dental.");
    assertThat(email.recipient()).isEqualTo("ann@example.com");
  }

  @Test
  void aContactWithoutPhoneFailsTheStepAndNothingIsQueued() {
    String ann = contact("ann", new ContactAddresses(null, "ann@example.com", null, null, null));

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("sms-campaign",
        Map.of("contactId", ann, "firstName", "Ann")))
        .isInstanceOf(MessageNotQueuedException.class)
        .hasMessageStartingWith("Step 'sendWelcomeSms' of process instance ")
        .hasMessageEndingWith(" could not queue its SMS message for contact " + ann + ": Contact " + ann
            + " has no phone number, which SMS messages go to; add it with PUT /api/contacts/" + ann
            + " (field \"phone\") or ContactService.register");
    assertThat(outbox.messagesOf(ann, null, 0, 10)).isEmpty();
    assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals("contactId", ann).count()).isZero();
  }

  @Test
  void anUnknownContactOrNoContactFailsTheStepBeforeAnythingIsQueued() {
    // the steps are guarded: the guard fails closed before the delegate even runs
    String stranger = "stranger-" + UUID.randomUUID();

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("sms-campaign",
        Map.of("contactId", stranger, "firstName", "X")))
        .isInstanceOf(DndGuardException.class)
        .hasMessageContaining("Contact " + stranger + " is not registered with DND Guard");
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("sms-campaign", Map.of("firstName", "X")))
        .isInstanceOf(DndGuardException.class)
        .hasMessageContaining("no contact id: the variable 'contactId' is not set and the process instance has no"
            + " business key");
  }

  @Test
  void theMessageGoesToTheContactTheGuardChecked() {
    // dnd.contact names the contact; the contact variable names somebody else
    String ann = contact("ann", new ContactAddresses(newPhone(), null, null, null, null));
    String bob = contact("bob", new ContactAddresses(newPhone(), null, null, null, null));
    repositoryService.createDeployment().addString("sms-to-named-contact.bpmn", """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
          <bpmn:process id="sms-to-named-contact" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sendSms"/>
            <bpmn:sendTask id="sendSms" camunda:delegateExpression="${sendSms}">
              <bpmn:extensionElements>
                <camunda:properties>
                  <camunda:property name="dnd.channel" value="SMS"/>
                  <camunda:property name="dnd.contact" value="${recipient}"/>
                </camunda:properties>
                <camunda:inputOutput>
                  <camunda:inputParameter name="body">Hi</camunda:inputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:sendTask>
            <bpmn:sequenceFlow id="f2" sourceRef="sendSms" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """).deploy();

    runtimeService.startProcessInstanceByKey("sms-to-named-contact", Map.of("contactId", bob, "recipient", ann));

    assertThat(outbox.messagesOf(ann, null, 0, 10)).hasSize(1);
    assertThat(outbox.messagesOf(bob, null, 0, 10)).isEmpty();
  }

  @Test
  void whatTheGuardSaidOfOneStepDoesNotReachTheNextOne() {
    // two send steps without input mappings share the instance's execution in Camunda; the first is
    // guarded with a contact of its own, a topic and quiet hours ignored, the second is not guarded
    String ann = contact("ann", new ContactAddresses(newPhone(), null, null, null, null));
    String bob = contact("bob", new ContactAddresses(newPhone(), null, null, null, null));
    repositoryService.createDeployment().addString("receipt-then-offer.bpmn", """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
          <bpmn:process id="receipt-then-offer" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="receipt"/>
            <bpmn:sendTask id="receipt" camunda:delegateExpression="${sendSms}">
              <bpmn:extensionElements>
                <camunda:properties>
                  <camunda:property name="dnd.channel" value="SMS"/>
                  <camunda:property name="dnd.contact" value="${recipient}"/>
                  <camunda:property name="dnd.topic" value="receipts"/>
                  <camunda:property name="dnd.quietHours" value="ignore"/>
                </camunda:properties>
              </bpmn:extensionElements>
            </bpmn:sendTask>
            <bpmn:sequenceFlow id="f2" sourceRef="receipt" targetRef="offer"/>
            <bpmn:sendTask id="offer" camunda:delegateExpression="${sendSms}"/>
            <bpmn:sequenceFlow id="f3" sourceRef="offer" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """).deploy();

    runtimeService.startProcessInstanceByKey("receipt-then-offer",
        Map.of("contactId", bob, "recipient", ann, "body", "Hi"));

    List<OutboxMessage> toAnn = outbox.messagesOf(ann, null, 0, 10);
    assertThat(toAnn).singleElement().satisfies(receipt -> {
      assertThat(receipt.activityId()).isEqualTo("receipt");
      assertThat(receipt.topic()).isEqualTo("receipts");
      assertThat(receipt.limit()).isEqualTo(MessageLimit.STEP);
    });
    // the offer goes to the contact variable's contact, about no topic, counted by the limits as any
    // unguarded message is (dndQuietHours goes with the other two: one removal for the three)
    assertThat(outbox.messagesOf(bob, null, 0, 10)).singleElement().satisfies(offer -> {
      assertThat(offer.activityId()).isEqualTo("offer");
      assertThat(offer.topic()).isNull();
      assertThat(offer.limit()).isEqualTo(MessageLimit.LIMITED);
    });
  }

  @Test
  void aStepThatRollsBackLeavesNothingInTheOutbox() {
    String ann = contact("ann", new ContactAddresses(newPhone(), null, null, null, null));

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("sms-then-failing-step",
        Map.of("contactId", ann)))
        .hasMessageContaining("noSuchBean");

    assertThat(outbox.messagesOf(ann, null, 0, 10)).isEmpty();
  }

  private String contact(String name, ContactAddresses addresses) {
    String id = name + "-" + UUID.randomUUID();
    contacts.register(id, addresses, Evidence.user("test", clock.instant()));
    return id;
  }

  /** A number no other test uses, so that address-wide events stay within one test. */
  private static String newPhone() {
    return String.format("+1415555%04d", 1000 + NUMBERS.incrementAndGet());
  }

  private static List<LoggedRequest> requestsTo(String phone) {
    return TWILIO.findAll(postRequestedFor(urlPathMatching(".*/Messages.json"))).stream()
        .filter(request -> phone.equals(request.formParameter("To").firstValue()))
        .toList();
  }

  private static List<OutboxMessage> oldestFirst(List<OutboxMessage> newestFirst) {
    return newestFirst.stream().sorted(java.util.Comparator.comparingLong(OutboxMessage::id)).toList();
  }
}
