package org.dndguard.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.dndguard.contact.Channel;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.internal.LimitRule;
import org.dndguard.contact.internal.LimitWindow;
import org.dndguard.store.ContactService;
import org.dndguard.store.internal.LimitRules;
import org.dndguard.testsupport.ReferenceAppContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Communication limits in a real Cockpit, in headless Chromium: a step a limit deferred carries a
 * {@code LIMITED} badge naming the rule, and the contact page shows each rule's use and when its
 * next place frees.
 */
@ExtendWith(BrowserAvailable.class)
@ReferenceAppContext(properties = Browser.ENGINE_PROPERTY)
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
        Evidence.user("test", Instant.now()));
    browser = Browser.open("http://127.0.0.1:" + port);
  }

  @AfterEach
  void closeBrowser(org.junit.jupiter.api.TestInfo test) {
    rules.delete(RULE, Evidence.user("test", Instant.now()));
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
        Evidence.user("test", Instant.now()));
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
    // the limits come below the DND tables: bring them into the picture
    ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", use);
    browser.screenshot("contact-limits");
  }

  /** Two texts in a row, built with the fluent builder so that Cockpit has a diagram to draw. */
  private String deployTwoTexts() {
    String key = "cockpit-limits-" + UUID.randomUUID().toString().substring(0, 8);
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent("start")
        .serviceTask("firstText").camundaExpression("${true}")
        .serviceTask("secondText").camundaExpression("${true}")
        .endEvent("end").done();
    for (String step : new String[] {"firstText", "secondText"}) {
      // Camunda 7.24's fluent builder has no camunda:property
      ServiceTask task = model.getModelElementById(step);
      CamundaProperty channel = model.newInstance(CamundaProperty.class);
      channel.setCamundaName("dnd.channel");
      channel.setCamundaValue("SMS");
      CamundaProperties properties = model.newInstance(CamundaProperties.class);
      properties.addChildElement(channel);
      ExtensionElements extensions = model.newInstance(ExtensionElements.class);
      extensions.addChildElement(properties);
      task.setExtensionElements(extensions);
    }
    repository.createDeployment().name("cockpit-limits").addModelInstance(key + ".bpmn", model).deploy();
    return key;
  }
}
