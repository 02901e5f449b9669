package org.dndguard.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.app.DndGuardApplication;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.LimitRule;
import org.dndguard.contact.LimitWindow;
import org.dndguard.store.ContactService;
import org.dndguard.store.LimitRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Communication limits in a real Cockpit, in headless Chromium: a step a limit deferred carries a
 * {@code LIMITED} badge naming the rule, and the contact page shows each rule's use and when its
 * next place frees.
 */
@SpringBootTest(classes = DndGuardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = Browser.ENGINE_PROPERTY)
class CockpitLimitsBrowserTest {

  private static final String RULE = "cockpit-sms-daily";

  @LocalServerPort
  int port;

  @Autowired
  ContactService contacts;
  @Autowired
  RuntimeService runtime;
  @Autowired
  RepositoryService repository;
  @Autowired
  LimitRules rules;

  Browser browser;

  @BeforeEach
  void openBrowser() throws Exception {
    rules.put(new LimitRule(RULE, Set.of(Channel.SMS), Set.of(), false, 1, LimitWindow.parse("DAY")),
        Evidence.user("test", null, Instant.now()));
    browser = Browser.open("http://127.0.0.1:" + port);
  }

  @AfterEach
  void closeBrowser(org.junit.jupiter.api.TestInfo test) {
    rules.delete(RULE, Evidence.user("test", null, Instant.now()));
    if (browser != null) {
      browser.keepLast(test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
      browser.close();
    }
  }

  @Test
  void aStepALimitDeferredShowsLimitedWithTheRuleAndTheContactPageShowsTheRulesUse() throws Exception {
    // given two texts in a row for a contact allowed one text a day
    String contact = "c-cockpit-" + UUID.randomUUID().toString().substring(0, 8);
    contacts.register(contact, new ContactAddresses("+1 312 555 0100", null, null, null, null), "America/Chicago",
        Evidence.user("test", null, Instant.now()));
    ProcessInstance instance = runtime.startProcessInstanceByKey(deployTwoTexts(), Map.of("contactId", contact));
    assertThat(runtime.getActiveActivityIds(instance.getId())).containsExactly("secondText");

    // when an operator opens the instance
    browser.logIn("demo", "demo").cockpit("#/process-instance/" + instance.getId() + "/runtime");

    // then the waiting step carries a LIMITED badge naming the rule, and the first none
    WebElement badge = browser.waitFor(By.cssSelector(".dnd-guard-badge[data-activity-id='secondText']"));
    assertThat(badge.getText()).contains("LIMITED " + RULE);
    assertThat(badge.getAttribute("data-cause")).isEqualTo("LIMITED");
    assertThat(badge.getAttribute("data-outcome")).isEqualTo("DEFERRED");
    assertThat(badge.getAttribute("title")).contains("Reason: LIMITED by rule " + RULE).contains("Runs at: ");
    assertThat(browser.all(By.cssSelector(".dnd-guard-badge[data-activity-id='firstText']"))).isEmpty();
    browser.screenshot("process-instance-limited-badge");

    // and the DND tab names the rule as the reason
    browser.waitFor(By.linkText("DND")).click();
    WebElement row = browser.waitFor(By.cssSelector(".dnd-skips tr.dnd-skip[data-activity-id='secondText']"));
    assertThat(row.findElement(By.cssSelector(".dnd-reason")).getText()).isEqualTo("LIMITED (" + RULE + ")");
    assertThat(row.findElement(By.cssSelector(".dnd-outcome")).getText()).isEqualTo("DEFERRED");

    // when the operator opens the contact
    browser.cockpit("#/dnd-contacts?contact=" + contact);

    // then the page shows the rule used up, and when its next place frees
    WebElement use = browser.waitFor(By.cssSelector("tr.dnd-limit[data-rule='" + RULE + "']"));
    assertThat(use.getAttribute("data-full")).isEqualTo("true");
    assertThat(use.findElement(By.cssSelector(".dnd-limit-used")).getText()).isEqualTo("1 of 1");
    assertThat(use.findElement(By.cssSelector(".dnd-limit-frees")).getText()).isNotBlank()
        .isNotEqualTo("a place is free");
    assertThat(use.getText()).contains("SMS, 1 per DAY");
    browser.screenshot("contact-limits");
  }

  private String deployTwoTexts() {
    String key = "cockpit-limits-" + UUID.randomUUID().toString().substring(0, 8);
    String text = "<camunda:properties><camunda:property name=\"dnd.channel\" value=\"SMS\"/></camunda:properties>";
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"http://dndguard.org/test\">"
        + "<bpmn:process id=\"" + key + "\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\">"
        + "<bpmn:startEvent id=\"start\"/><bpmn:sequenceFlow id=\"f1\" sourceRef=\"start\" targetRef=\"firstText\"/>"
        + "<bpmn:serviceTask id=\"firstText\" camunda:expression=\"${true}\"><bpmn:extensionElements>" + text
        + "</bpmn:extensionElements></bpmn:serviceTask>"
        + "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"firstText\" targetRef=\"secondText\"/>"
        + "<bpmn:serviceTask id=\"secondText\" camunda:expression=\"${true}\"><bpmn:extensionElements>" + text
        + "</bpmn:extensionElements></bpmn:serviceTask>"
        + "<bpmn:sequenceFlow id=\"f3\" sourceRef=\"secondText\" targetRef=\"end\"/><bpmn:endEvent id=\"end\"/>"
        + "</bpmn:process></bpmn:definitions>";
    repository.createDeployment().name("cockpit-limits").addString(key + ".bpmn", xml).deploy();
    return key;
  }
}
