package org.dndguard.engine.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.dndguard.contact.Channel;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.internal.Topics;
import org.dndguard.engine.OnBlocked;
import org.dndguard.engine.OnLimited;
import org.dndguard.engine.QuietHoursMode;

/**
 * A communication step as the designer marked it with {@code camunda:properties}: its channel (a
 * name or an expression), how its contact is found and what happens when the contact is in DND.
 * Built once per element when a process is deployed; {@link #parse} refuses what could not be
 * guarded, so a deployment either guards every marked element or fails.
 *
 * @param processKey the key of the process the element belongs to
 * @param activityId the element's id
 * @param kind the kind of element
 * @param channelValue {@code dnd.channel} as written
 * @param channel the channel when {@code dnd.channel} names one; null when it is an expression
 * @param contactExpression {@code dnd.contact} as written, or null to use the contact variable
 *     and then the business key
 * @param onBlocked what happens when the contact is in DND on the channel
 * @param topicValue {@code dnd.topic} as written (a topic name or an expression), or null when the
 *     step is about no topic
 * @param quietHours what happens when the step is due outside its channel's window ({@code dnd.quietHours})
 * @param onLimited what happens when a communication limit holds the step back ({@code dnd.onLimited})
 * @param limitExempt whether the step is transactional ({@code dnd.limit=exempt}): no limit holds it back
 */
public record StepMark(String processKey, String activityId, StepKind kind, String channelValue,
    Channel channel, String contactExpression, OnBlocked onBlocked, String topicValue, QuietHoursMode quietHours,
    OnLimited onLimited, boolean limitExempt) {

  /** The property that marks a communication step, with its channel. */
  public static final String CHANNEL = "dnd.channel";
  /** The property that chooses between skipping and throwing {@value #BLOCKED_ERROR_CODE}. */
  public static final String ON_BLOCKED = "dnd.onBlocked";
  /** The property that names the step's contact with an expression. */
  public static final String CONTACT = "dnd.contact";
  /** The property that names the topic the step is about (a name or an expression). */
  public static final String TOPIC = "dnd.topic";
  /** The property that decides what a step due in quiet hours does: defer, skip or ignore. */
  public static final String QUIET_HOURS = "dnd.quietHours";
  /** The property that decides what a step over a communication limit does: defer, skip or error. */
  public static final String ON_LIMITED = "dnd.onLimited";
  /** The property that marks a transactional step no communication limit holds back: {@code exempt}. */
  public static final String LIMIT = "dnd.limit";
  /** The value of {@value #LIMIT} that exempts a step. */
  public static final String EXEMPT = "exempt";
  /** The error code of the BPMN error thrown by a limited step with {@code dnd.onLimited=error}. */
  public static final String LIMITED_ERROR_CODE = "DND_LIMITED";
  /** The error code of the BPMN error thrown by a blocked step with {@code dnd.onBlocked=error}. */
  public static final String BLOCKED_ERROR_CODE = "DND_BLOCKED";
  /**
   * The transient local variable in which a step that runs finds the contact id the guard checked,
   * so its work (the built-in send delegates, your own) goes to that contact.
   */
  public static final String CHECKED_CONTACT_VARIABLE = "dndContactId";
  /**
   * The transient local variable in which a step that runs finds the topic the guard checked (its
   * {@code dnd.topic}), so the outbox message it queues carries it.
   */
  public static final String CHECKED_TOPIC_VARIABLE = "dndTopic";
  /**
   * The transient local variable that says a step that runs is marked {@code dnd.quietHours=ignore},
   * so the outbox does not hold its message for quiet hours either.
   */
  public static final String QUIET_HOURS_VARIABLE = "dndQuietHours";

  private static final String PREFIX = "dnd.";
  private static final List<String> KNOWN = List.of(CHANNEL, ON_BLOCKED, CONTACT, TOPIC, QUIET_HOURS, ON_LIMITED,
      LIMIT);

  public StepMark {
    Objects.requireNonNull(processKey, "processKey");
    Objects.requireNonNull(activityId, "activityId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(channelValue, "channelValue");
    Objects.requireNonNull(onBlocked, "onBlocked");
    Objects.requireNonNull(quietHours, "quietHours");
    Objects.requireNonNull(onLimited, "onLimited");
  }

  /** A step about no topic that is deferred in quiet hours and by communication limits. */
  public StepMark(String processKey, String activityId, StepKind kind, String channelValue, Channel channel,
      String contactExpression, OnBlocked onBlocked) {
    this(processKey, activityId, kind, channelValue, channel, contactExpression, onBlocked, null,
        QuietHoursMode.DEFER, OnLimited.DEFER, false);
  }

  /** Whether the topic is only known when the step runs. */
  public boolean hasTopicExpression() {
    return topicValue != null && isExpression(topicValue);
  }

  /**
   * Reads the DND Guard properties of one element.
   *
   * @param properties the element's {@code camunda:properties}, or null when it has none
   * @return empty when the element has no {@code dnd.*} property (in any case): DND Guard leaves it alone
   * @throws InvalidStepException naming the process, the element and the value when a property
   *     is unknown, missing or wrong
   */
  public static Optional<StepMark> parse(String processKey, String activityId, StepKind kind,
      Map<String, String> properties) {
    if (!isMarked(properties)) {
      return Optional.empty();
    }
    String where = where(processKey, activityId, kind.displayName());
    TreeSet<String> unknown = new TreeSet<>();
    for (String name : dndNames(properties)) {
      if (!KNOWN.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidStepException(where + "unknown propert" + (unknown.size() == 1 ? "y " : "ies ")
          + String.join(", ", unknown) + "; DND Guard reads " + String.join(", ", KNOWN)
          + caseHint(unknown));
    }
    String channelValue = properties.get(CHANNEL);
    if (channelValue == null || channelValue.isBlank()) {
      throw new InvalidStepException(where + (properties.containsKey(CHANNEL) ? CHANNEL + " is blank" :
          "it has " + String.join(", ", new TreeSet<>(dndNames(properties))) + " but no " + CHANNEL)
          + "; set " + CHANNEL + " to one of " + Channel.validNames() + " or to an expression such as ${channel}");
    }
    Channel channel = null;
    if (!isExpression(channelValue)) {
      try {
        channel = Channel.parse(channelValue);
      } catch (InvalidDndInputException e) {
        throw new InvalidStepException(where + CHANNEL + " '" + channelValue + "' is not a channel; use one of "
            + Channel.validNames() + " (any case) or an expression such as ${channel}");
      }
    }
    OnBlocked onBlocked = mode(properties, ON_BLOCKED, OnBlocked.SKIP, where, "use skip (the default) or error");
    String contact = properties.get(CONTACT);
    if (contact != null && contact.isBlank()) {
      throw new InvalidStepException(where + CONTACT + " is blank; remove it to use the contact variable and"
          + " then the business key, or give an expression such as ${customer.id}");
    }
    String topic = properties.get(TOPIC);
    if (topic != null && topic.isBlank()) {
      // what Camunda Modeler's element template writes when the designer leaves the topic empty
      topic = null;
    }
    if (topic != null) {
      topic = topic.trim();
      if (!isExpression(topic) && !Topics.isValid(topic)) {
        throw new InvalidStepException(where + TOPIC + " '" + topic + "' is not a topic name; use lower case"
            + " letters, digits and single dashes (e.g. newsletter), or an expression such as ${topic}");
      }
    }
    QuietHoursMode quietHours = mode(properties, QUIET_HOURS, QuietHoursMode.DEFER, where,
        "use defer (the default), skip or ignore");
    OnLimited onLimited = mode(properties, ON_LIMITED, OnLimited.DEFER, where,
        "use defer (the default), skip or error");
    String limit = properties.get(LIMIT);
    if (limit != null && !limit.isBlank() && !EXEMPT.equalsIgnoreCase(limit.trim())) {
      throw new InvalidStepException(where + LIMIT + " '" + limit + "' is not known; use exempt for a transactional"
          + " step that no communication limit holds back, or remove it");
    }
    boolean exempt = limit != null && !limit.isBlank();
    return Optional.of(new StepMark(processKey, activityId, kind, channelValue.trim(), channel,
        contact == null ? null : contact.trim(), onBlocked, topic, quietHours, onLimited, exempt));
  }

  /**
   * The mode a property chooses, written in any case (the constants' names in lower case are what
   * designers write); the default when the property is not set.
   */
  private static <E extends Enum<E>> E mode(Map<String, String> properties, String name, E byDefault, String where,
      String howToFix) {
    String value = properties.get(name);
    if (value == null) {
      return byDefault;
    }
    for (E candidate : byDefault.getDeclaringClass().getEnumConstants()) {
      if (candidate.name().equalsIgnoreCase(value.trim())) {
        return candidate;
      }
    }
    throw new InvalidStepException(where + name + " '" + value + "' is not known; " + howToFix);
  }

  /**
   * Refuses an element that DND Guard cannot guard when it is marked anyway: a marked element
   * that ran unguarded would let messages out, so the deployment fails instead.
   *
   * @param elementDescription what the element is, e.g. {@code receive task}
   * @param howToFix what the designer can do instead
   */
  public static void refuseIfMarked(String processKey, String activityId, String elementDescription,
      Map<String, String> properties, String howToFix) {
    if (isMarked(properties)) {
      throw new InvalidStepException(where(processKey, activityId, elementDescription) + "it has "
          + String.join(", ", new TreeSet<>(dndNames(properties))) + ", but " + howToFix);
    }
  }

  /** Whether the properties mark a step: any property named {@code dnd.*}, in any case. */
  public static boolean isMarked(Map<String, String> properties) {
    return properties != null && !dndNames(properties).isEmpty();
  }

  /** Whether a property value is an expression, evaluated when the step runs. */
  public static boolean isExpression(String value) {
    return value.contains("${") || value.contains("#{");
  }

  /** Whether the channel is only known when the step runs. */
  public boolean hasChannelExpression() {
    return channel == null;
  }

  /** The start of every message about this step. */
  public String describe() {
    return "step '" + activityId + "' (" + kind.displayName() + ") of process '" + processKey + "'";
  }

  /** The start of a deployment refusal about this step. */
  public String refusal() {
    return where(processKey, activityId, kind.displayName());
  }

  private static String where(String processKey, String activityId, String elementDescription) {
    return "DND Guard cannot guard element '" + activityId + "' (" + elementDescription + ") of process '"
        + processKey + "': ";
  }

  /**
   * The properties meant for DND Guard: named {@code dnd.*} in any case, so that a mark written
   * {@code DND.channel} is refused as a misspelling rather than ignored, which would let the step
   * send to a contact in DND.
   */
  private static List<String> dndNames(Map<String, String> properties) {
    return properties.keySet().stream()
        .filter(name -> name != null && name.regionMatches(true, 0, PREFIX, 0, PREFIX.length()))
        .toList();
  }

  /** E.g. " (names are case-sensitive: write dnd.channel for DND.channel)", or nothing. */
  private static String caseHint(TreeSet<String> unknown) {
    List<String> fixes = unknown.stream()
        .flatMap(name -> KNOWN.stream().filter(known -> known.equalsIgnoreCase(name))
            .map(known -> known + " for " + name))
        .toList();
    return fixes.isEmpty() ? "" : " (names are case-sensitive: write " + String.join(", ", fixes) + ")";
  }
}
