package org.dndguard.web.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dndguard.contact.DndChangeRefusedException;
import org.dndguard.contact.DndEntry;
import org.dndguard.contact.InvalidDndInputException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.dndguard.messaging.ChannelInDndException;
import org.dndguard.messaging.MessageRefusedException;
import org.dndguard.messaging.MessageNotResendableException;
import org.dndguard.messaging.MissingAddressException;
import org.dndguard.messaging.NoProviderException;
import org.dndguard.messaging.TopicLeftException;
import org.dndguard.messaging.internal.Unsubscribes;
import org.dndguard.store.ContactNotFoundException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Answers every error of DND Guard's controllers as {@code application/problem+json} (RFC 9457):
 * 400 for input it cannot accept, naming the field and, where there is a list, the valid values;
 * 404 for a contact, message or process instance it does not know; 409 for a change the rules
 * refuse, with the rule's message, the reason and what would lift it, and for a manual message to a
 * channel in DND; 422 for a message to a channel the contact has no address for. Never a stack
 * trace. Every problem has a {@code urn:dndguard:problem:*} type ({@link Problems}); controllers
 * throw, and only the advices (this one, and {@link WebhookProblemAdvice} for the webhooks) answer.
 *
 * <p>It applies to the controllers of {@code org.dndguard} only, so a host application's own
 * controllers keep their error handling. It runs before Spring Boot's generic problem handler so
 * that bad input is described precisely. Exceptions it does not know are left to the other
 * resolvers; those that nothing handles become a 500 problem ({@link UnexpectedErrorResolver}).
 */
@RestControllerAdvice(basePackages = "org.dndguard")
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class ProblemDetailsAdvice {

  @ExceptionHandler(InvalidDndInputException.class)
  ResponseEntity<ProblemDetail> invalidInput(InvalidDndInputException e) {
    ProblemDetail problem = invalid(e.getMessage(), e.field());
    if (e instanceof InvalidFieldException withValues) {
      problem.setProperty("validValues", withValues.validValues());
    }
    return respond(problem);
  }

  @ExceptionHandler(ContactNotFoundException.class)
  ResponseEntity<ProblemDetail> contactNotFound(ContactNotFoundException e) {
    ProblemDetail problem = Problems.problem(HttpStatus.NOT_FOUND, Problems.CONTACT_NOT_FOUND, "Contact not found",
        e.getMessage());
    problem.setProperty("contactId", e.contactId());
    return respond(problem);
  }

  @ExceptionHandler(DndChangeRefusedException.class)
  ResponseEntity<ProblemDetail> refused(DndChangeRefusedException e) {
    DndEntry entry = e.blockingEntry();
    ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, Problems.DND_CHANGE_REFUSED, "DND change refused",
        e.getMessage());
    problem.setProperty("contactId", e.contactId());
    problem.setProperty("channel", e.target().name());
    problem.setProperty("reason", entry.reason().name());
    problem.setProperty("kind", entry.kind().name());
    problem.setProperty("setBy", entry.setBy());
    problem.setProperty("since", entry.since().toString());
    problem.setProperty("howToLift", entry.reason().howToLift());
    return respond(problem);
  }

  @ExceptionHandler(ChannelInDndException.class)
  ResponseEntity<ProblemDetail> channelInDnd(ChannelInDndException e) {
    ProblemDetail problem = notQueued(HttpStatus.CONFLICT, Problems.CHANNEL_IN_DND, "Channel in DND", e);
    problem.setProperty("target", e.blockingEntry().target().name());
    problem.setProperty("reason", e.blockingEntry().reason().name());
    problem.setProperty("userMayClear", e.blockingEntry().userMayClear());
    return respond(problem);
  }

  @ExceptionHandler(TopicLeftException.class)
  ResponseEntity<ProblemDetail> topicLeft(TopicLeftException e) {
    ProblemDetail problem = notQueued(HttpStatus.CONFLICT, Problems.TOPIC_LEFT, "Contact left the topic", e);
    problem.setProperty("topic", e.leftTopic().topic());
    problem.setProperty("reason", e.leftTopic().reason().name());
    problem.setProperty("userMayClear", true);
    return respond(problem);
  }

  @ExceptionHandler(Unsubscribes.UnknownUnsubscribeLinkException.class)
  ResponseEntity<ProblemDetail> unknownUnsubscribeLink(Unsubscribes.UnknownUnsubscribeLinkException e) {
    return respond(Problems.problem(HttpStatus.NOT_FOUND, Problems.UNKNOWN_UNSUBSCRIBE_LINK,
        "Unknown unsubscribe link", e.getMessage()));
  }

  @ExceptionHandler(MissingAddressException.class)
  ResponseEntity<ProblemDetail> missingAddress(MissingAddressException e) {
    return respond(notQueued(HttpStatus.UNPROCESSABLE_ENTITY, Problems.MISSING_ADDRESS, "No address for the channel",
        e));
  }

  @ExceptionHandler(NoProviderException.class)
  ResponseEntity<ProblemDetail> noProvider(NoProviderException e) {
    ProblemDetail problem = notQueued(HttpStatus.UNPROCESSABLE_ENTITY, Problems.NO_PROVIDER,
        "No provider for the channel", e);
    problem.setProperty("property", e.property());
    return respond(problem);
  }

  @ExceptionHandler(MessageNotResendableException.class)
  ResponseEntity<ProblemDetail> notResendable(MessageNotResendableException e) {
    ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, Problems.MESSAGE_NOT_RESENDABLE,
        "Message cannot be resent", e.getMessage());
    problem.setProperty("messageStatus", e.message().status().name());
    return respond(problem);
  }

  @ExceptionHandler(MessageNotFoundException.class)
  ResponseEntity<ProblemDetail> messageNotFound(MessageNotFoundException e) {
    return respond(Problems.problem(HttpStatus.NOT_FOUND, Problems.MESSAGE_NOT_FOUND, "Unknown message",
        e.getMessage()));
  }

  @ExceptionHandler(ProcessInstanceNotFoundException.class)
  ResponseEntity<ProblemDetail> processInstanceNotFound(ProcessInstanceNotFoundException e) {
    return respond(Problems.problem(HttpStatus.NOT_FOUND, Problems.PROCESS_INSTANCE_NOT_FOUND,
        "Process instance not found", e.getMessage()));
  }

  /**
   * Camunda's authorization refused what the request does in the engine, which runs as the calling
   * user (DND Guard's permission alone is not enough there); the engine's transaction rolled back.
   */
  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<ProblemDetail> notAuthorizedInCamunda(AuthorizationException e) {
    return respond(Problems.problem(HttpStatus.FORBIDDEN, null, "Not authorized in Camunda",
        "Camunda's authorization refused this to user '" + e.getUserId() + "': " + e.getMessage()
            + ". DND Guard's endpoints act in the engine as the calling user; an administrator grants the"
            + " missing permission to one of the user's groups in Camunda Admin (Authorizations)."));
  }

  /** The engine's optimistic locking gave up: the instances changed under the request more often than it retried. */
  @ExceptionHandler(OptimisticLockingException.class)
  ResponseEntity<ProblemDetail> workflowsKeptChanging(OptimisticLockingException e) {
    return respond(Problems.problem(HttpStatus.CONFLICT, Problems.WORKFLOWS_CHANGING, "Workflows kept changing",
        "The contact's workflows kept changing while they were changed by this request; what was done so far"
            + " stays done. Send the request again to finish."));
  }

  /** A request body that breaks a constraint, such as a note that is too long. */
  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e) {
    List<Map<String, Object>> errors = new ArrayList<>();
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      errors.add(fieldError(error.getField(), error.getDefaultMessage()));
    }
    e.getBindingResult().getGlobalErrors()
        .forEach(error -> errors.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
    return respondWithErrors(errors, "The request body");
  }

  /** A query or path parameter that breaks a constraint, such as a page size beyond the limit. */
  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e) {
    List<Map<String, Object>> errors = new ArrayList<>();
    for (ParameterValidationResult result : e.getParameterValidationResults()) {
      String name = parameterName(result);
      for (MessageSourceResolvable error : result.getResolvableErrors()) {
        errors.add(fieldError(name, "Query parameter '" + name + "' " + error.getDefaultMessage()
            + "; it was " + result.getArgument()));
      }
    }
    if (errors.isEmpty()) {
      return respond(invalid("The request's parameters are not valid", null));
    }
    ProblemDetail problem = invalid(errors.stream().map(error -> (String) error.get("message"))
        .collect(Collectors.joining("; ")), (String) errors.get(0).get("field"));
    if (errors.size() > 1) {
      problem.setProperty("errors", errors);
    }
    return respond(problem);
  }

  /** A path or query parameter of the wrong type, e.g. {@code page=first}. */
  @ExceptionHandler(TypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(TypeMismatchException e) {
    String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
    String expected = e.getRequiredType() == null ? "another type" : describe(e.getRequiredType());
    return respond(invalid("Parameter '" + name + "' must be " + expected + "; it was '" + e.getValue() + "'", name));
  }

  /** No body, malformed JSON, or a member of the wrong type. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof JsonParseException parse) {
      return respond(invalid("The request body is not valid JSON: " + parse.getOriginalMessage()
          + " (line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")",
          "body"));
    }
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field = path(mismatch.getPath());
      String expected = mismatch.getTargetType() == null ? "another type" : describe(mismatch.getTargetType());
      String was = mismatch instanceof InvalidFormatException format ? " '" + format.getValue() + "'" : "";
      return respond(invalid("Field '" + field + "' must be " + expected + "; the value" + was
          + " cannot be read as one", field));
    }
    if (cause instanceof MismatchedInputException) {
      return respond(invalid("The request body must be a JSON object, e.g. {\"note\": \"...\"} or"
          + " {\"phone\": \"+14155550100\"}", "body"));
    }
    return respond(invalid("The request needs a JSON body; send one with Content-Type: application/json", "body"));
  }

  /**
   * Spring MVC's own request errors (missing parameter, unsupported media type, method not
   * allowed) and {@link ErrorResponseException}s thrown by handlers: their status, headers (such
   * as {@code Allow}) and problem as Spring made them.
   */
  @ExceptionHandler({ErrorResponseException.class, ServletRequestBindingException.class,
      HttpMediaTypeException.class, HttpRequestMethodNotSupportedException.class})
  ResponseEntity<ProblemDetail> errorResponse(Exception e) {
    ErrorResponse error = (ErrorResponse) e;
    return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders())
        .body(Problems.typed(error.getBody()));
  }

  /** A message that was not queued: the problem names its contact and channel. */
  private static ProblemDetail notQueued(HttpStatus status, URI type, String title, MessageRefusedException e) {
    ProblemDetail problem = Problems.problem(status, type, title, e.getMessage());
    problem.setProperty("contactId", e.contactId());
    problem.setProperty("channel", e.channel().name());
    return problem;
  }

  static ProblemDetail invalid(String detail, String field) {
    ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, Problems.INVALID_INPUT, "Invalid input", detail);
    if (field != null) {
      problem.setProperty("field", field);
    }
    return problem;
  }

  private ResponseEntity<ProblemDetail> respondWithErrors(List<Map<String, Object>> errors, String what) {
    if (errors.isEmpty()) {
      return respond(invalid(what + " is not valid", "body"));
    }
    ProblemDetail problem = invalid(errors.stream().map(error -> "Field '" + error.get("field") + "' "
        + error.get("message")).collect(Collectors.joining("; ")), (String) errors.get(0).get("field"));
    problem.setProperty("errors", errors);
    return respond(problem);
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }

  private static Map<String, Object> fieldError(String field, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("field", field);
    error.put("message", message);
    return error;
  }

  private static String parameterName(ParameterValidationResult result) {
    RequestParam param = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
    if (param != null && !param.name().isEmpty()) {
      return param.name();
    }
    String name = result.getMethodParameter().getParameterName();
    return name == null ? "parameter " + result.getMethodParameter().getParameterIndex() : name;
  }

  private static String path(List<JsonMappingException.Reference> path) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference reference : path) {
      if (reference.getFieldName() != null) {
        field.append(field.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else {
        field.append('[').append(reference.getIndex()).append(']');
      }
    }
    return field.toString();
  }

  private static String describe(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
          .collect(Collectors.joining(", "));
    }
    return "a " + type.getSimpleName();
  }
}
