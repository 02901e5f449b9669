package org.dndguard.cockpit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.dndguard.contact.ContactAddresses;
import org.dndguard.contact.DndTarget;
import org.dndguard.contact.Evidence;
import org.dndguard.contact.InboundChannel;
import org.dndguard.contact.InvalidDndInputException;
import org.dndguard.engine.SkipRecord;
import org.dndguard.engine.SkipRecords;
import org.dndguard.store.internal.CommunicationCounts;
import org.dndguard.messaging.Outbox;
import org.dndguard.messaging.OutboxMessage;
import org.dndguard.store.internal.AuditTrail;
import org.dndguard.store.Contact;
import org.dndguard.store.internal.ConsentFile;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.store.ContactService;
import org.dndguard.store.DndService;
import org.dndguard.web.DndAuthorization;
import org.dndguard.web.DndPermission;
import org.dndguard.web.internal.DndRecordView;
import org.dndguard.web.internal.HistoryPage;
import org.dndguard.workflow.ContactInstanceIndex;
import org.dndguard.workflow.IndexedInstance;
import org.dndguard.workflow.WorkflowRemoval;
import org.dndguard.workflow.WorkflowRemovalResult;

/**
 * What the Cockpit plugin shows and does, for one Cockpit user at a time: every call names the
 * user, whose permissions ({@link DndAuthorization}) decide whether it may read, change DND or
 * remove workflows. It only asks DND Guard's services; the rules, the audit trail and the
 * removal are theirs, exactly as through the REST API.
 */
public class DndCockpit {

  /** The most rows of a contact's messages, skips or audit trail one call returns. */
  static final int MAX_PAGE_SIZE = 100;

  private final ContactReads reads;
  private final ProcessReads processes;
  private final Actions actions;
  private final DndAuthorization authorization;
  private final Clock clock;
  private final ObjectMapper json;

  /**
   * @param contactReads what the contact page reads
   * @param processReads what the process instance and definition views, and a contact's workflows, read
   * @param actions the parts that send and remove, each switched off on its own
   * @param authorization whose permissions decide every call
   * @param json the application's Jackson, so that the plugin's bodies read exactly as the REST API's
   */
  public DndCockpit(ContactReads contactReads, ProcessReads processReads, Actions actions,
      DndAuthorization authorization, ObjectMapper json) {
    this.reads = Objects.requireNonNull(contactReads, "contactReads");
    this.processes = Objects.requireNonNull(processReads, "processReads");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.authorization = Objects.requireNonNull(authorization, "authorization");
    this.clock = reads.dnd().clock();
    this.json = Objects.requireNonNull(json, "json");
  }

  /**
   * What the contact page reads: the contact, its DND record and audit trail, the search, the
   * consent file for "Download evidence", and the use of each communication limit.
   *
   * @param limits the communication counts; null when limits are switched off
   */
  public record ContactReads(DndService dnd, ContactService contacts, AuditTrail audit, ContactSearch search,
      ConsentFile consentFile, CommunicationCounts limits) {
    public ContactReads {
      Objects.requireNonNull(dnd, "dnd");
      Objects.requireNonNull(contacts, "contacts");
      Objects.requireNonNull(audit, "audit");
      Objects.requireNonNull(search, "search");
      Objects.requireNonNull(consentFile, "consentFile");
    }
  }

  /**
   * What the process views read: skip records and their counts per definition, and the engine's
   * instances and definitions behind a contact's workflows.
   *
   * @param instances the contact-to-instance index; null when workflow actions are switched off
   */
  public record ProcessReads(SkipRecords skips, SkipCounts skipCounts, ContactInstanceIndex instances,
      RuntimeService runtime, RepositoryService repository) {
    public ProcessReads {
      Objects.requireNonNull(skips, "skips");
      Objects.requireNonNull(skipCounts, "skipCounts");
      Objects.requireNonNull(runtime, "runtime");
      Objects.requireNonNull(repository, "repository");
    }
  }

  /**
   * The parts that act beyond a DND change, each null when the application switched it off.
   *
   * @param outbox the outbox, which also lists the contact's messages; null without messaging
   * @param removal the removal from all workflows; null without workflow actions
   */
  public record Actions(Outbox outbox, WorkflowRemoval removal) {
  }

  /**
   * The contact's consent file, for a download: the user must hold READ and the contact must
   * exist, checked before the first byte; then the file streams to the output.
   *
   * @param csv CSV rather than JSON
   * @return what writes the file, and its name
   */
  public Download evidence(String user, String contactId, boolean csv) {
    authorization.require(user, DndPermission.READ);
    String id = existing(contactId).id();
    String name = "consent-" + id.replaceAll("[^A-Za-z0-9._-]", "_") + (csv ? ".csv" : ".json");
    return new Download(name, csv ? "text/csv; charset=UTF-8" : "application/json",
        out -> {
          if (csv) {
            reads.consentFile().writeCsv(id, out);
          } else {
            reads.consentFile().writeJson(id, out);
          }
        });
  }

  /** A file to download: its name, media type, and what writes it. */
  public record Download(String fileName, String mediaType, Writer writer) {

    /** Writes the file to the stream. */
    public interface Writer {
      void write(OutputStream out) throws IOException;
    }
  }

  ObjectMapper json() {
    return json;
  }

  /** Who the user is to DND Guard: the client shows switches and buttons by these permissions. */
  public UserView user(String user) {
    return new UserView(user, authorization.permissionsOf(user));
  }

  /** The steps DND Guard held back in a process instance, oldest first. */
  public List<SkipRecord> skipsOfInstance(String user, String processInstanceId) {
    authorization.require(user, DndPermission.READ);
    return processes.skips().ofProcessInstance(processInstanceId);
  }

  /** How often each step of a process definition was held back, by outcome. */
  public List<SkipCounts.Count> skipCountsOfDefinition(String user, String processDefinitionId) {
    authorization.require(user, DndPermission.READ);
    return processes.skipCounts().ofDefinition(processDefinitionId);
  }

  /** The contacts a contact id, phone number or e-mail address names, normalised as the API does. */
  public ContactSearch.Result search(String user, String query) {
    authorization.require(user, DndPermission.READ);
    return reads.search().find(query);
  }

  /** A contact's addresses and DND record, with what the user may do with it. */
  public ContactRecordView contact(String user, String contactId) {
    authorization.require(user, DndPermission.READ);
    Contact contact = existing(contactId);
    return new ContactRecordView(contact.id(), contact.addresses(), contact.createdAt(),
        DndRecordView.of(reads.dnd().record(contact.id()), reads.dnd().topics(contact.id())), user(user));
  }

  /** One page of the contact's audit trail, newest first. */
  public HistoryPage history(String user, String contactId, int page, int size) {
    authorization.require(user, DndPermission.READ);
    String id = existing(contactId).id();
    checkPage(page, size);
    return HistoryPage.of(id, page, size, reads.audit().count(id), reads.dnd().history(id, page, size));
  }

  /** The contact's outbox messages, newest first, failed ones included. */
  public List<OutboxMessage> messages(String user, String contactId, int page, int size) {
    authorization.require(user, DndPermission.READ);
    checkPage(page, size);
    return on(actions.outbox(), "messaging is", "dnd.messaging.enabled").messagesOf(contactId, null, page, size);
  }

  /**
   * Sends an UNKNOWN or FAILED message of the contact again, as the REST API's resend does: DND
   * checked again, audited, by the Cockpit user.
   */
  public OutboxMessage resend(String user, String contactId, long messageId) {
    authorization.require(user, DndPermission.CHANGE);
    String id = existing(contactId).id();
    Outbox messages = on(actions.outbox(), "messaging is", "dnd.messaging.enabled");
    OutboxMessage message = messages.find(messageId).filter(m -> m.contactId().equals(id)).orElseThrow();
    return messages.resend(message.id(), user);
  }

  /** The steps DND Guard held back for the contact, oldest first. */
  public List<SkipRecord> skipsOfContact(String user, String contactId) {
    authorization.require(user, DndPermission.READ);
    return processes.skips().query().contactId(existing(contactId).id()).list();
  }

  /** Each communication limit's use for the contact, and when a full one's next place frees. */
  public List<LimitUseView> limits(String user, String contactId) {
    authorization.require(user, DndPermission.READ);
    String id = existing(contactId).id();
    if (reads.limits() == null) {
      return List.of();
    }
    return reads.limits().use(id, clock.instant()).stream().map(use -> new LimitUseView(use.rule().name(),
        use.rule().describe(), use.used(), use.rule().count(), use.full(), use.topic(), use.freesAt())).toList();
  }

  /**
   * One rule's use for a contact, as the contact page shows it.
   *
   * @param freesAt when the rule is full, when its next place frees; else null
   */
  public record LimitUseView(String rule, String description, int used, int count, boolean full, String topic,
      Instant freesAt) {
  }

  /** The contact's running workflows, as the indexed contact-to-instance table knows them. */
  public List<WorkflowView> workflows(String user, String contactId) {
    authorization.require(user, DndPermission.READ);
    List<IndexedInstance> indexed = on(processes.instances(), "workflow actions are", "dnd.workflows.enabled")
        .instancesOf(existing(contactId).id());
    if (indexed.isEmpty()) {
      return List.of();
    }
    Map<String, ProcessInstance> running = processes.runtime().createProcessInstanceQuery()
        .processInstanceIds(indexed.stream().map(IndexedInstance::processInstanceId).collect(Collectors.toSet()))
        .list().stream().collect(Collectors.toMap(ProcessInstance::getId, Function.identity()));
    Map<String, ProcessDefinition> definitions = running.isEmpty() ? Map.of() : processes.repository()
        .createProcessDefinitionQuery()
        .processDefinitionIdIn(running.values().stream().map(ProcessInstance::getProcessDefinitionId).distinct()
            .toArray(String[]::new))
        .list().stream().collect(Collectors.toMap(ProcessDefinition::getId, Function.identity()));
    List<WorkflowView> views = new ArrayList<>();
    for (IndexedInstance instance : indexed) {
      ProcessInstance process = running.get(instance.processInstanceId());
      if (process == null) {
        continue; // ended since the index was read
      }
      ProcessDefinition definition = definitions.get(process.getProcessDefinitionId());
      views.add(new WorkflowView(process.getId(), process.getProcessDefinitionId(),
          definition == null ? null : definition.getKey(), definition == null ? null : definition.getName(),
          process.getBusinessKey(), process.isSuspended(), instance.isSubProcessInstance()));
    }
    return views;
  }

  /** Turns DND on or off for an outbound channel or ALL; a clear the rules refuse throws, audited. */
  public ContactRecordView changeChannel(String user, String contactId, String channel, boolean on, String note) {
    authorization.require(user, DndPermission.CHANGE);
    return change(user, contactId, DndTarget.parseOutbound(channel), on, note);
  }

  /** Turns inbound DND on or off for CALL or SMS. */
  public ContactRecordView changeInbound(String user, String contactId, String channel, boolean on, String note) {
    authorization.require(user, DndPermission.CHANGE);
    return change(user, contactId, DndTarget.inbound(InboundChannel.parse(channel)), on, note);
  }

  /** Removes the contact from all its workflows, as the REST API's removal does. */
  public WorkflowRemovalResult removeFromAllWorkflows(String user, String contactId, String reason) {
    authorization.require(user, DndPermission.REMOVE_WORKFLOWS);
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    String who = "DND Guard: removed from all workflows by " + user + " in Cockpit";
    WorkflowRemoval removal = on(actions.removal(), "workflow actions are", "dnd.workflows.enabled");
    return removal.removeFromAllWorkflows(contactId, why == null ? who : why + " (" + who + ")",
        Evidence.user(user, why, clock.instant()));
  }

  private ContactRecordView change(String user, String contactId, DndTarget target, boolean on, String note) {
    String id = existing(contactId).id();
    Evidence evidence = Evidence.user(user, note, clock.instant());
    if (on) {
      reads.dnd().set(id, target, evidence);
    } else {
      reads.dnd().clear(id, target, evidence);
    }
    return contact(user, id);
  }

  private static <T> T on(T part, String name, String property) {
    if (part == null) {
      throw new PartSwitchedOffException("DND Guard's " + name + " switched off in this application (" + property
          + "=false), so there is nothing to show or do here");
    }
    return part;
  }

  private Contact existing(String contactId) {
    return reads.contacts().get(contactId).orElseThrow(() -> new ContactNotFoundException(contactId.trim()));
  }

  private static void checkPage(int page, int size) {
    if (page < 0) {
      throw new InvalidDndInputException("page", "must be 0 or more (the first page is 0)");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidDndInputException("size", "must be between 1 and " + MAX_PAGE_SIZE);
    }
  }

  /** A part of DND Guard that the application switched off. */
  static class PartSwitchedOffException extends RuntimeException {
    PartSwitchedOffException(String message) {
      super(message);
    }
  }

  /** The user and what DND Guard lets them do. */
  public record UserView(String userId, Set<DndPermission> permissions) {
  }

  /** A contact's record page: addresses, DND record, and the viewing user's permissions. */
  public record ContactRecordView(String contactId, ContactAddresses addresses, Instant createdAt,
      DndRecordView dnd, UserView viewer) {
  }

  /** One running workflow of a contact. */
  public record WorkflowView(String processInstanceId, String processDefinitionId, String processDefinitionKey,
      String processDefinitionName, String businessKey, boolean suspended, boolean subProcessInstance) {
  }

  static Map<String, Object> removalView(WorkflowRemovalResult result) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("contactId", result.contactId());
    view.put("removed", result.removed());
    view.put("processInstanceIds", result.removedProcessInstanceIds());
    if (result.isBatch()) {
      view.put("batchId", result.batchId());
      view.put("queued", result.batchSize());
    }
    return view;
  }
}
