package org.dndguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.junit.jupiter.api.Test;

/**
 * Marks that cannot be honoured fail the deployment, with a message that names the process, the
 * element and the value; nothing of a refused deployment is deployed.
 */
class DeploymentValidationTest extends EngineScenarioTest {

  private static final String ERROR = "<bpmn:error id=\"dndBlocked\" errorCode=\"DND_BLOCKED\"/>";
  private static final String OTHER_ERROR = "<bpmn:error id=\"other\" errorCode=\"PAYMENT_FAILED\"/>";

  @Test
  void errorWithoutACatcherIsRefused() {
    assertRefused("noCatcher", "", sendSms("SMS", "error"),
        "DND Guard cannot guard element 'sendSms' (send task) of process 'noCatcher': dnd.onBlocked is 'error'"
            + " but nothing in scope catches the BPMN error DND_BLOCKED");
  }

  @Test
  void aCatcherOfAnotherErrorCodeDoesNotCount() {
    assertRefused("otherCatcher", OTHER_ERROR, sendSms("SMS", "error") + boundary("other"),
        "dnd.onBlocked is 'error' but nothing in scope catches the BPMN error DND_BLOCKED");
  }

  @Test
  void anErrorEventSubProcessDoesNotCatchWhatIsThrownInsideIt() {
    String body = start() + "<bpmn:subProcess id=\"fallback\" triggeredByEvent=\"true\">"
        + "<bpmn:startEvent id=\"blocked\"><bpmn:errorEventDefinition errorRef=\"dndBlocked\"/></bpmn:startEvent>"
        + "<bpmn:sequenceFlow id=\"f\" sourceRef=\"blocked\" targetRef=\"sendSms\"/>" + sendSms("SMS", "error")
        + "</bpmn:subProcess>";
    assertRefused("rethrowing", ERROR, body, "element 'sendSms' (send task) of process 'rethrowing': dnd.onBlocked"
        + " is 'error' but nothing in scope catches");
  }

  @Test
  void anUnknownChannelIsRefused() {
    assertRefused("pigeon", "", sendSms("PIGEON", null),
        "DND Guard cannot guard element 'sendSms' (send task) of process 'pigeon': dnd.channel 'PIGEON' is not a"
            + " channel; use one of CALL, EMAIL, SMS, WHATSAPP, FACEBOOK, GMB");
  }

  @Test
  void allIsNotAChannelOfAStep() {
    assertRefused("allChannels", "", sendSms("ALL", null), "dnd.channel 'ALL' is not a channel");
  }

  @Test
  void anUnknownOnBlockedIsRefused() {
    assertRefused("drop", "", sendSms("SMS", "drop"),
        "element 'sendSms' (send task) of process 'drop': dnd.onBlocked 'drop' is not known; use skip (the default)"
            + " or error");
  }

  @Test
  void aMisspelledPropertyIsRefused() {
    String body = "<bpmn:sendTask id=\"sendSms\" camunda:class=\"org.dndguard.engine.SendRecorder\">"
        + properties("<camunda:property name=\"dnd.chanel\" value=\"SMS\"/>") + "</bpmn:sendTask>";
    assertRefused("typo", "", body, "element 'sendSms' (send task) of process 'typo': unknown property dnd.chanel;"
        + " DND Guard reads dnd.channel, dnd.onBlocked, dnd.contact");
  }

  @Test
  void aMarkWithItsPrefixInAnotherCaseIsRefusedRatherThanIgnored() {
    // ignored, the step would run unguarded and send to a contact in DND
    String body = "<bpmn:sendTask id=\"sendSms\" camunda:class=\"org.dndguard.engine.SendRecorder\">"
        + properties("<camunda:property name=\"DND.channel\" value=\"SMS\"/>") + "</bpmn:sendTask>";
    assertRefused("shouting", "", body, "DND Guard cannot guard element 'sendSms' (send task) of process"
        + " 'shouting': unknown property DND.channel; DND Guard reads dnd.channel, dnd.onBlocked, dnd.contact,"
        + " dnd.topic, dnd.quietHours, dnd.onLimited, dnd.limit (names are case-sensitive: write dnd.channel for DND.channel)");
  }

  @Test
  void aPropertyInAnotherCaseNextToACorrectMarkIsRefused() {
    String body = "<bpmn:sendTask id=\"sendSms\" camunda:class=\"org.dndguard.engine.SendRecorder\">"
        + properties(channel("SMS") + "<camunda:property name=\"Dnd.OnBlocked\" value=\"error\"/>")
        + "</bpmn:sendTask>";
    assertRefused("mixedCase", "", body, "element 'sendSms' (send task) of process 'mixedCase': unknown property"
        + " Dnd.OnBlocked; DND Guard reads dnd.channel, dnd.onBlocked, dnd.contact, dnd.topic, dnd.quietHours,"
        + " dnd.onLimited, dnd.limit (names are case-sensitive: write dnd.onBlocked for Dnd.OnBlocked)");
  }

  @Test
  void aMarkInAnotherCaseOnAnElementThatCannotBeGuardedIsRefused() {
    String body = "<bpmn:receiveTask id=\"waitForReply\">"
        + properties("<camunda:property name=\"DND.CHANNEL\" value=\"SMS\"/>") + "</bpmn:receiveTask>";
    assertRefused("receiveShouting", "", body, "element 'waitForReply' (receive task) of process 'receiveShouting':"
        + " it has DND.CHANNEL, but DND Guard guards only");
  }

  @Test
  void anInvalidExpressionIsRefused() {
    assertRefused("badExpression", "", sendSms("${preferred channel}", null),
        "element 'sendSms' (send task) of process 'badExpression': dnd.channel '${preferred channel}' is not a"
            + " valid expression");
  }

  @Test
  void aMarkOnAnElementThatCannotBeGuardedIsRefused() {
    String body = "<bpmn:receiveTask id=\"waitForReply\">" + properties(channel("SMS")) + "</bpmn:receiveTask>";
    assertRefused("receive", "", body, "DND Guard cannot guard element 'waitForReply' (receive task) of process"
        + " 'receive': it has dnd.channel, but DND Guard guards only service, send, script, business rule and user"
        + " tasks, and message intermediate throw and end events with an implementation");
  }

  @Test
  void aMessageEventWithoutAnImplementationIsRefused() {
    String body = "<bpmn:intermediateThrowEvent id=\"smsSent\">" + properties(channel("SMS"))
        + "<bpmn:messageEventDefinition/></bpmn:intermediateThrowEvent>";
    assertRefused("noImplementation", "", body, "element 'smsSent' (message intermediate throw event without an"
        + " implementation) of process 'noImplementation': it has dnd.channel, but it sends nothing to guard");
  }

  @Test
  void catchersAroundTheStepAreAccepted() {
    String boundaryOnStep = start() + sendSms("SMS", "error") + boundary("dndBlocked");
    String catchAllOnSubProcess = start() + "<bpmn:subProcess id=\"sub\"><bpmn:startEvent id=\"subStart\"/>"
        + "<bpmn:sequenceFlow id=\"f\" sourceRef=\"subStart\" targetRef=\"sendSms\"/>" + sendSms("SMS", "error")
        + "</bpmn:subProcess><bpmn:boundaryEvent id=\"anyError\" attachedToRef=\"sub\"><bpmn:errorEventDefinition/>"
        + "</bpmn:boundaryEvent>";

    DeploymentWithDefinitions first = deploy("boundaryOnStep", ERROR, boundaryOnStep);
    DeploymentWithDefinitions second = deploy("catchAllOnSubProcess", "", catchAllOnSubProcess);

    assertThat(first.getDeployedProcessDefinitions()).hasSize(1);
    assertThat(second.getDeployedProcessDefinitions()).hasSize(1);
  }

  @Test
  void aTopicThatIsNotANameIsRefused() {
    assertRefused("badTopic", "", "<bpmn:sendTask id=\"sendSms\" camunda:class=\"org.dndguard.engine.SendRecorder\">"
        + properties(channel("SMS") + "<camunda:property name=\"dnd.topic\" value=\"News Letter\"/>")
        + "</bpmn:sendTask>",
        "element 'sendSms' (send task) of process 'badTopic': dnd.topic 'News Letter' is not a topic name");
  }

  @Test
  void anUnknownQuietHoursModeIsRefused() {
    assertRefused("badQuietHours", "", "<bpmn:sendTask id=\"sendSms\" camunda:class=\"org.dndguard.engine.SendRecorder\">"
        + properties(channel("SMS") + "<camunda:property name=\"dnd.quietHours\" value=\"later\"/>")
        + "</bpmn:sendTask>",
        "dnd.quietHours 'later' is not known; use defer (the default), skip or ignore");
  }

  @Test
  void onLimitedErrorWithoutACatcherOfDndLimitedIsRefused() {
    String step = "<bpmn:sendTask id=\"sendSms\" camunda:class=\"org.dndguard.engine.SendRecorder\">"
        + properties(channel("SMS") + "<camunda:property name=\"dnd.onLimited\" value=\"error\"/>")
        + "</bpmn:sendTask>";
    assertRefused("limitedNoCatcher", "", step,
        "DND Guard cannot guard element 'sendSms' (send task) of process 'limitedNoCatcher': dnd.onLimited is"
            + " 'error' but nothing in scope catches the BPMN error DND_LIMITED");
    // a catcher of DND_BLOCKED is not one of DND_LIMITED
    assertRefused("limitedBlockedCatcher", ERROR, step + boundary("dndBlocked"),
        "dnd.onLimited is 'error' but nothing in scope catches the BPMN error DND_LIMITED");
    assertThat(deploy("limitedCaught", "<bpmn:error id=\"dndLimited\" errorCode=\"DND_LIMITED\"/>",
        start() + step + boundary("dndLimited")).getDeployedProcessDefinitions()).hasSize(1);
  }

  @Test
  void anUnknownOnLimitedOrLimitIsRefused() {
    assertRefused("badOnLimited", "", "<bpmn:sendTask id=\"sendSms\" camunda:class=\"org.dndguard.engine.SendRecorder\">"
        + properties(channel("SMS") + "<camunda:property name=\"dnd.onLimited\" value=\"drop\"/>")
        + "</bpmn:sendTask>",
        "element 'sendSms' (send task) of process 'badOnLimited': dnd.onLimited 'drop' is not known; use defer"
            + " (the default), skip or error");
    assertRefused("badLimit", "", "<bpmn:sendTask id=\"sendSms\" camunda:class=\"org.dndguard.engine.SendRecorder\">"
        + properties(channel("SMS") + "<camunda:property name=\"dnd.limit\" value=\"none\"/>")
        + "</bpmn:sendTask>",
        "element 'sendSms' (send task) of process 'badLimit': dnd.limit 'none' is not known; use exempt");
  }

  private void assertRefused(String processKey, String definitions, String body, String message) {
    assertThatThrownBy(() -> deploy(processKey, definitions, body))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining(message);
    assertThat(processEngine().getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(processKey)
        .count()).isZero();
  }

  private DeploymentWithDefinitions deploy(String processKey, String definitions, String body) {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"http://dndguard.org/test\">"
        + definitions
        + "<bpmn:process id=\"" + processKey + "\" isExecutable=\"true\" camunda:historyTimeToLive=\"P30D\">"
        + body + "</bpmn:process></bpmn:definitions>";
    DeploymentWithDefinitions deployment = processEngine().getRepositoryService().createDeployment()
        .addString(processKey + ".bpmn", xml).deployWithResult();
    engine.manageDeployment(deployment);
    return deployment;
  }

  private static String start() {
    return "<bpmn:startEvent id=\"start\"/>";
  }

  private static String sendSms(String channel, String onBlocked) {
    String onBlockedProperty = onBlocked == null ? ""
        : "<camunda:property name=\"dnd.onBlocked\" value=\"" + onBlocked + "\"/>";
    return "<bpmn:sendTask id=\"sendSms\" camunda:class=\"org.dndguard.engine.SendRecorder\">"
        + properties(channel(channel) + onBlockedProperty) + "</bpmn:sendTask>";
  }

  private static String boundary(String errorRef) {
    return "<bpmn:boundaryEvent id=\"blocked\" attachedToRef=\"sendSms\"><bpmn:errorEventDefinition errorRef=\""
        + errorRef + "\"/></bpmn:boundaryEvent>";
  }

  private static String channel(String channel) {
    return "<camunda:property name=\"dnd.channel\" value=\"" + channel + "\"/>";
  }

  private static String properties(String properties) {
    return "<bpmn:extensionElements><camunda:properties>" + properties + "</camunda:properties>"
        + "</bpmn:extensionElements>";
  }
}
