package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dndguard.contact.Channel;
import org.dndguard.contact.internal.CommunicationLimits.LimitUse;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.contact.internal.LimitRule;
import org.dndguard.contact.internal.LimitWindow;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.store.ContactService;
import org.dndguard.store.internal.LimitRules;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Communication limits: the rules in force, the rules operators set at run time (CHANGE
 * permission, audited), and each rule's use for one contact.
 */
@RestController
@RequestMapping(path = DndPaths.API, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Limits", description = "How often a contact may be reached: communication limit rules and their use")
public class LimitController {

  private final LimitRules rules;
  private final CommunicationCounts counts;
  private final ContactService contacts;
  private final Clock clock;

  public LimitController(LimitRules rules, CommunicationCounts counts, ContactService contacts, Clock clock) {
    this.rules = rules;
    this.counts = counts;
    this.contacts = contacts;
    this.clock = clock;
  }

  /**
   * A rule as the API shows it.
   *
   * @param source {@code PROPERTIES} (dnd.limits.rules; read-only here) or {@code API}
   */
  @Schema(name = "LimitRule", description = "A communication limit rule")
  public record RuleView(
      @Schema(example = "sms-daily") String name,
      @Schema(description = "The channels it counts and limits; empty for every channel", example = "[\"SMS\"]")
      List<String> channels,
      @Schema(description = "The topics it counts and limits; empty for any topic") List<String> topics,
      @Schema(description = "Whether each topic is counted on its own") boolean perTopic,
      @Schema(example = "2") int count,
      @Schema(description = "DAY or WEEK (calendar, in the contact's zone) or an ISO-8601 duration up to P30D",
          example = "DAY") String window,
      @Schema(description = "PROPERTIES or API", example = "API") String source,
      @Schema(example = "SMS, 2 per DAY") String description) {
  }

  /**
   * The body of {@code PUT /limits/rules/{name}}.
   */
  @Schema(name = "LimitRuleRequest", description = "A communication limit rule; the name is the path's")
  public record RuleRequest(
      @Schema(description = "Channels; empty or absent for every channel", example = "[\"SMS\"]") List<String> channels,
      @Schema(description = "Topics; empty or absent for any topic") List<String> topics,
      @Schema(description = "Count each topic on its own; default false") Boolean perTopic,
      @Schema(description = "How many communications the window allows, at least 1", example = "2") Integer count,
      @Schema(description = "DAY, WEEK or an ISO-8601 duration up to P30D", example = "DAY") String window,
      @Schema(description = "Why, for the audit trail") String note) {
  }

  /**
   * One rule's use for a contact.
   *
   * @param full whether the next communication the rule limits would be held
   * @param freesAt when the rule is full, when its next place frees; else null
   */
  @Schema(name = "LimitUse", description = "How much of a rule a contact has used")
  public record UseView(RuleView rule, int used, int count, boolean full,
      @Schema(description = "For a per-topic rule, the topic that used most of it") String topic,
      @Schema(description = "When the rule is full, when its next place frees") Instant freesAt) {
  }

  @GetMapping("/limits/rules")
  @Operation(summary = "The communication limit rules in force",
      description = "The rules of the properties (dnd.limits.rules) and those set through this API. Every rule"
          + " applies; of the rules a communication would exceed, the one whose place frees last decides.")
  public List<RuleView> limitRules() {
    return rules.current().rules().stream().map(this::view).toList();
  }

  @GetMapping("/limits/rules/{name}")
  @Operation(summary = "One communication limit rule", description = "404 when no rule has the name.")
  @ApiResponse(responseCode = "200", description = "The rule")
  @ApiResponse(responseCode = "404", description = "No rule has the name")
  public RuleView limitRule(@PathVariable @Parameter(description = "The rule's name", example = "sms-daily") String name) {
    return view(rules.find(name).orElseThrow(() -> notFound(name)));
  }

  @PutMapping(path = "/limits/rules/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Create or replace a communication limit rule",
      description = "Needs the CHANGE permission; audited with the user and the note. Applies at once on every"
          + " node. A rule of the properties cannot be changed here (409). 201 for a new rule, 200 for a"
          + " replaced one.")
  @ApiResponse(responseCode = "201", description = "Created")
  @ApiResponse(responseCode = "200", description = "Replaced")
  @ApiResponse(responseCode = "400", description = "A field is missing or wrong; the problem names it")
  @ApiResponse(responseCode = "409", description = "The rule is set in the properties")
  public ResponseEntity<RuleView> putLimitRule(@PathVariable @Parameter(description = "The rule's name", example = "sms-daily")
      String name, @RequestBody RuleRequest body, Principal principal) {
    LimitRule rule = parse(name, body);
    refuseConfigured(rule.name(), "changed");
    boolean created = rules.put(rule, Actors.evidence(principal, body.note(), clock));
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view(rule));
  }

  @DeleteMapping("/limits/rules/{name}")
  @Operation(summary = "Delete a communication limit rule set through the API",
      description = "Needs the CHANGE permission; audited. 404 when there is no such rule, 409 for a rule of"
          + " the properties.")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "404", description = "No rule set through the API has the name")
  @ApiResponse(responseCode = "409", description = "The rule is set in the properties")
  public ResponseEntity<Void> deleteLimitRule(@PathVariable @Parameter(description = "The rule's name", example = "sms-daily")
      String name, Principal principal) {
    refuseConfigured(name, "deleted");
    if (!rules.delete(name, Actors.evidence(principal, null, clock))) {
      throw notFound(name);
    }
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/contacts/{id}/limits")
  @Operation(summary = "Each communication limit's use for a contact",
      description = "For every rule in force: how many communications its window counts for the contact now,"
          + " whether it is full and, when it is, when its next place frees (in the contact's time zone for"
          + " DAY and WEEK).")
  @ApiResponse(responseCode = "200", description = "Each rule's use")
  @ApiDocs.ContactNotFound
  public List<UseView> contactLimits(@PathVariable @ApiDocs.ContactId String id) {
    if (contacts.get(id).isEmpty()) {
      throw new ContactNotFoundException(id);
    }
    List<UseView> views = new ArrayList<>();
    for (LimitUse use : counts.use(id, clock.instant())) {
      views.add(new UseView(view(use.rule()), use.used(), use.rule().count(), use.full(), use.topic(),
          use.freesAt()));
    }
    return views;
  }

  private RuleView view(LimitRule rule) {
    return new RuleView(rule.name(), rule.channels().stream().map(Channel::name).sorted().toList(),
        List.copyOf(new TreeSet<>(rule.topics())), rule.perTopic(), rule.count(), rule.window().toString(),
        rules.isConfigured(rule.name()) ? "PROPERTIES" : "API", rule.describe());
  }

  private static LimitRule parse(String name, RuleRequest body) {
    if (body == null) {
      throw new InvalidDndInputException("count", "the body is missing; give at least count and window, e.g."
          + " {\"channels\": [\"SMS\"], \"count\": 2, \"window\": \"DAY\"}");
    }
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    for (String channel : body.channels() == null ? List.<String>of() : body.channels()) {
      try {
        channels.add(Channel.parse(channel));
      } catch (InvalidDndInputException e) {
        throw new InvalidDndInputException("channels", e.getMessage());
      }
    }
    if (body.count() == null) {
      throw new InvalidDndInputException("count", "count is missing; give how many communications the window"
          + " allows, e.g. 2");
    }
    if (body.window() == null) {
      throw new InvalidDndInputException("window", "window is missing; give DAY, WEEK or an ISO-8601 duration up to"
          + " P30D such as PT24H");
    }
    return new LimitRule(name, channels, new TreeSet<>(body.topics() == null ? List.of() : body.topics()),
        Boolean.TRUE.equals(body.perTopic()), body.count(), LimitWindow.parse(body.window()));
  }

  private void refuseConfigured(String name, String what) {
    if (rules.isConfigured(name)) {
      ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, URI.create(Problems.HTTP_TYPE_PREFIX
          + "limit-rule-in-properties"), "Limit rule set in the properties", "limit rule '" + name + "' is set in"
          + " the properties (dnd.limits.rules) and cannot be " + what + " through the API; change the properties,"
          + " or give the API rule another name");
      throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
  }

  private static ErrorResponseException notFound(String name) {
    ProblemDetail problem = Problems.problem(HttpStatus.NOT_FOUND, URI.create(Problems.HTTP_TYPE_PREFIX
        + "limit-rule-not-found"), "Unknown limit rule", "There is no communication limit rule named '" + name
        + "'; GET /api/limits/rules lists them");
    return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
  }
}
