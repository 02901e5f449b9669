package org.dndguard.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.app.DndGuardApplication;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndCommand;
import org.dndguard.contact.DndReason;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.Source;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * DND Guard's Cockpit plugin in a real Cockpit, in a real (headless) Chromium: the reference
 * application as it ships, with its sample models, logged in through Cockpit's login page.
 */
@SpringBootTest(classes = DndGuardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
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

  Browser browser;

  @BeforeEach
  void openBrowser() throws Exception {
    browser = Browser.open("http://localhost:" + port);
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

  private String newContact(String phone) {
    String id = "c-cockpit-" + UUID.randomUUID().toString().substring(0, 8);
    contacts.register(id, new ContactAddresses(phone, id + "@example.com", null, null, null),
        Evidence.user("test", null, Instant.now()));
    return id;
  }

  private void optOutBySms(String contactId) {
    dnd.apply(contactId, new DndCommand.Set(DndTarget.SMS, DndReason.SMS_OPT_OUT,
        new Evidence(Source.TWILIO, null, "SM" + UUID.randomUUID().toString().replace("-", ""), null, null, "STOP",
            null, Instant.now())));
  }
}
