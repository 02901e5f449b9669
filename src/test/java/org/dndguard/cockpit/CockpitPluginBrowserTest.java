package org.dndguard.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.internal.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.store.AuditAction;
import org.dndguard.store.AuditRecord;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * DND Guard's Cockpit plugin in a real Cockpit, in a real (headless) Chromium: the reference
 * application as it ships, with its sample models, logged in through Cockpit's login page.
 */
@ExtendWith(BrowserAvailable.class)
@ReferenceAppContext(properties = Browser.ENGINE_PROPERTY)
class CockpitPluginBrowserTest {

  @LocalServerPort
  int port;

  @Autowired
  ContactService contacts;
  @Autowired
  DndService dnd;
  @Autowired
  RuntimeService runtime;
  @Autowired
  ManagementService management;
  @Autowired
  RepositoryService repository;
  @Autowired
  IdentityService identity;

  Browser browser;

  @BeforeEach
  void openBrowser() throws Exception {
    browser = Browser.open("http://127.0.0.1:" + port);
  }

  @AfterEach
  void closeBrowser(org.junit.jupiter.api.TestInfo test) {
    if (browser != null) {
      browser.keepLast(test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
      browser.close();
    }
  }

  @Test
  void anInstanceShowsItsSkippedSmsStepOnTheDiagramAndInTheDndTab() throws Exception {
    // given a lead who texted STOP, in the nurture campaign past its first wait
    String lead = newContact("+1 415 555 0100");
    optOutBySms(lead);
    ProcessInstance campaign = runtime.startProcessInstanceByKey("nurture-campaign", Map.of("contactId", lead));
    management.executeJob(management.createJobQuery().processInstanceId(campaign.getId()).singleResult().getId());

    // when an operator opens the instance in Cockpit
    browser.logIn("demo", "demo").cockpit("#/process-instance/" + campaign.getId() + "/runtime");

    // then the skipped SMS step carries a badge with the channel and the reason on hover, and the
    // steps that ran (the start, the follow-up e-mail) none
    WebElement badge = browser.waitFor(By.cssSelector(".dnd-guard-badge[data-activity-id='sendWelcomeSms']"));
    assertThat(badge.getText()).contains("SMS");
    assertThat(badge.getAttribute("title")).contains("SMS_OPT_OUT").contains("STOP").contains(lead);
    assertThat(browser.all(By.cssSelector(".dnd-guard-badge"))).hasSize(1);
    assertThat(browser.all(By.cssSelector(".dnd-guard-badge[data-activity-id='sendFollowUpEmail']"))).isEmpty();

    // and hovering the badge shows why: the reason, since when, and who or what set the DND
    new Actions(browser.driver()).moveToElement(badge).perform();
    WebElement tip = browser.waitFor(By.cssSelector(".dnd-guard-badge[data-activity-id='sendWelcomeSms'] .dnd-guard-tip"));
    assertThat(tip.getText()).contains("Reason: SMS_OPT_OUT").contains("DND since: ").contains("set by the opt-out keyword STOP");
    browser.screenshot("process-instance-skip-overlay");

    // and the DND tab lists the skip with its channel and reason
    browser.waitFor(By.linkText("DND")).click();
    WebElement row = browser.waitFor(By.cssSelector(".dnd-skips tr.dnd-skip[data-activity-id='sendWelcomeSms']"));
    assertThat(row.findElement(By.cssSelector(".dnd-channel")).getText()).isEqualTo("SMS");
    assertThat(row.findElement(By.cssSelector(".dnd-outcome")).getText()).isEqualTo("SKIPPED");
    assertThat(row.findElement(By.cssSelector(".dnd-reason")).getText()).isEqualTo("SMS_OPT_OUT");
    assertThat(browser.all(By.cssSelector(".dnd-skips tr.dnd-skip"))).hasSize(1);
    browser.screenshot("process-instance-dnd-tab");
  }

  @Test
  void anOperatorFindsAContactByPhoneSwitchesSmsDndIsRefusedAStopClearAndRemovesItsWorkflows() throws Exception {
    // given a contact in two running campaigns
    String contact = newContact("+1 415 555 0100");
    runtime.startProcessInstanceByKey("nurture-campaign", Map.of("contactId", contact));
    runtime.startProcessInstanceByKey("nurture-campaign", Map.of("contactId", contact));
    assertThat(runningWorkflowsOf(contact)).isEqualTo(2);

    // when an operator searches the phone number as people write it
    browser.logIn("demo", "demo").cockpit("#/dnd-contacts");
    browser.waitFor(By.id("dnd-search")).sendKeys("(415) 555-0100");
    browser.waitFor(By.id("dnd-search-button")).click();
    browser.waitFor(By.cssSelector("a.dnd-match[data-contact-id='" + contact + "']")).click();

    // then the contact's record opens
    browser.waitFor(By.cssSelector(".dnd-record[data-contact-id='" + contact + "']"));
    assertThat(browser.waitFor(By.id("dnd-status")).getText()).isEqualTo("OFF");
    assertThat(browser.all(By.cssSelector("tr.dnd-workflow"))).hasSize(2);

    // when the operator switches SMS DND on, then off
    smsSwitch().click();
    browser.waitFor(By.cssSelector("tr.dnd-channel-row[data-channel='SMS'][data-active='true']"));
    assertThat(dnd.record(contact).isActive(DndTarget.SMS)).isTrue();
    assertThat(newestAudit(contact)).satisfies(row -> {
      assertThat(row.action()).isEqualTo(AuditAction.SET);
      assertThat(row.target()).isEqualTo(DndTarget.SMS);
      assertThat(row.evidence().actor()).isEqualTo("demo");
    });
    assertThat(browser.waitFor(By.cssSelector("tr.dnd-audit-row")).getText()).contains("SET").contains("demo");

    smsSwitch().click();
    browser.waitFor(By.cssSelector("tr.dnd-channel-row[data-channel='SMS'][data-active='false']"));
    assertThat(dnd.record(contact).isActive(DndTarget.SMS)).isFalse();
    assertThat(newestAudit(contact)).satisfies(row -> {
      assertThat(row.action()).isEqualTo(AuditAction.CLEARED);
      assertThat(row.evidence().actor()).isEqualTo("demo");
    });
    assertThat(browser.waitFor(By.cssSelector("tr.dnd-audit-row")).getText()).contains("CLEARED").contains("demo");

    // when the contact texts STOP and the operator tries to clear it
    optOutBySms(contact);
    browser.cockpit("#/dnd-contacts?contact=" + contact);
    browser.waitFor(By.cssSelector("tr.dnd-channel-row[data-channel='SMS'][data-active='true']"));
    smsSwitch().click();

    // then the clear is refused with the rule's message, and SMS stays in DND
    browser.waitUntil(By.cssSelector("#dnd-contact .alert-danger"), "only the contact can lift it, by texting START");
    browser.waitFor(By.cssSelector("tr.dnd-channel-row[data-channel='SMS'][data-active='true']"));
    assertThat(dnd.record(contact).isActive(DndTarget.SMS)).isTrue();
    assertThat(newestAudit(contact).action()).isEqualTo(AuditAction.REFUSED);
    browser.screenshot("contact-record");

    // when the operator removes the contact from all workflows, and confirms
    browser.waitFor(By.id("dnd-remove-workflows")).click();
    assertThat(runningWorkflowsOf(contact)).as("nothing is removed before the confirmation").isEqualTo(2);
    browser.waitFor(By.id("dnd-remove-workflows-confirm")).click();

    // then the contact's instances end
    browser.waitUntil(By.cssSelector("#dnd-contact .alert-success"), "Removed the contact from 2 workflows");
    assertThat(runningWorkflowsOf(contact)).isZero();
    assertThat(browser.all(By.cssSelector("tr.dnd-workflow"))).isEmpty();
    assertThat(newestAudit(contact).action()).isEqualTo(AuditAction.WORKFLOW_REMOVAL);
  }

  @Test
  void theProcessDefinitionViewCountsHowOftenEachStepWasSkipped() throws Exception {
    // given a copy of the campaign, run by two contacts who texted STOP and one who did not
    ProcessDefinition version = deployACopyOfTheCampaign();
    for (int i = 0; i < 2; i++) {
      String optedOut = newContact("+1 415 555 0100");
      optOutBySms(optedOut);
      runtime.startProcessInstanceById(version.getId(), Map.of("contactId", optedOut));
    }
    runtime.startProcessInstanceById(version.getId(), Map.of("contactId", newContact("+1 415 555 0100")));

    // when an operator opens the definition
    browser.logIn("demo", "demo").cockpit("#/process-definition/" + version.getId() + "/runtime");

    // then the SMS step shows it was skipped twice, and no other step carries a count
    WebElement count = browser.waitFor(By.cssSelector(".dnd-guard-count[data-activity-id='sendWelcomeSms']"));
    assertThat(count.getText()).isEqualTo("2");
    assertThat(count.getAttribute("title")).contains("skipped 2");
    assertThat(browser.all(By.cssSelector(".dnd-guard-count"))).hasSize(1);
    browser.screenshot("process-definition-skip-counts");
  }

  @Test
  void aReaderSeesTheRecordButNoSwitchesAndNoRemoval() throws Exception {
    // given a contact who texted STOP and runs in a campaign, and a user in the readers' group
    String contact = newContact("+1 415 555 0100");
    optOutBySms(contact);
    runtime.startProcessInstanceByKey("nurture-campaign", Map.of("contactId", contact));
    String reader = newUser("dndReaders");

    // when the reader opens the contact
    browser.logIn(reader, "secret-" + reader).cockpit("#/dnd-contacts?contact=" + contact);

    // then the record is there, with the reason and who may lift it, but nothing to change it with
    WebElement sms = browser.waitFor(By.cssSelector("tr.dnd-channel-row[data-channel='SMS'][data-active='true']"));
    assertThat(sms.getText()).contains("SMS_OPT_OUT").contains("only the contact can lift it, by texting START");
    assertThat(browser.waitFor(By.id("dnd-status")).getText()).isEqualTo("PARTIAL");
    assertThat(browser.all(By.cssSelector("tr.dnd-workflow"))).hasSize(1);
    assertThat(browser.all(By.cssSelector("input.dnd-switch"))).isEmpty();
    assertThat(browser.all(By.id("dnd-remove-workflows"))).isEmpty();
    browser.screenshot("contact-record-reader");
  }

  private WebElement smsSwitch() {
    return browser.waitFor(By.cssSelector("input.dnd-switch[data-channel='SMS']"));
  }

  private AuditRecord newestAudit(String contactId) {
    return dnd.history(contactId, 0, 1).get(0);
  }

  private long runningWorkflowsOf(String contactId) {
    return runtime.createProcessInstanceQuery().variableValueEquals("contactId", contactId).count();
  }

  /** The sample campaign under a process key of its own, so that its counts are this test's only. */
  private ProcessDefinition deployACopyOfTheCampaign() {
    BpmnModelInstance campaign = Bpmn.readModelFromFile(Path.of("bpmn", "nurture-campaign.bpmn").toFile());
    campaign.getModelElementsByType(Process.class).iterator().next()
        .setId("cockpit-skip-counts-" + UUID.randomUUID().toString().substring(0, 8));
    String deploymentId = repository.createDeployment().name("cockpit-browser-test")
        .addModelInstance("cockpit-skip-counts.bpmn", campaign).deploy().getId();
    return repository.createProcessDefinitionQuery().deploymentId(deploymentId).singleResult();
  }

  private String newUser(String group) {
    String id = "u" + UUID.randomUUID().toString().substring(0, 8);
    User user = identity.newUser(id);
    user.setPassword("secret-" + id);
    user.setFirstName("Reader");
    user.setLastName(id);
    identity.saveUser(user);
    if (identity.createGroupQuery().groupId(group).count() == 0) {
      identity.saveGroup(identity.newGroup(group));
    }
    identity.createMembership(id, group);
    return id;
  }

  private String newContact(String phone) {
    String id = "c-cockpit-" + UUID.randomUUID().toString().substring(0, 8);
    contacts.register(id, new ContactAddresses(phone, id + "@example.com", null, null, null),
        Evidence.user("test", Instant.now()));
    return id;
  }

  private void optOutBySms(String contactId) {
    dnd.apply(contactId, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT,
        Evidence.providerEvent(Source.TWILIO, "SM" + UUID.randomUUID().toString().replace("-", ""), Instant.now())
            .keyword("STOP").build()));
  }
}
