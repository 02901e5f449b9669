package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The OpenAPI responses and bodies that several of DND Guard's operations share, declared once as
 * composed annotations (springdoc reads the annotations they carry). An error response states its
 * status, description and example only: {@link DndOpenApiCustomizer} makes every error
 * problem+json, adds the 401 and 403 that every {@code /api} operation may answer, and the 500 that
 * every {@code /api} and webhook operation may answer.
 */
final class ApiDocs {

  private ApiDocs() {
  }

  /** 404: the contact in the path is not registered. */
  @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "404", description = "The contact is not registered", content = @Content(
      examples = @ExampleObject(value = ApiExamples.CONTACT_NOT_FOUND)))
  @interface ContactNotFound {
  }

  /**
   * The errors of an unsubscribe link, whether it is shown or followed: 404 for a link that DND
   * Guard did not make, or that was altered; 503 when the database could not read or record the
   * unsubscribe. Nothing changed in either case.
   */
  @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "404", description = "The link is unknown or was altered; nothing changed"
      + " (urn:dndguard:problem:unknown-unsubscribe-link)")
  @ApiResponse(responseCode = "503", description = "The database could not read or record it; nothing changed and"
      + " the link stays valid: send it again after Retry-After seconds", headers = @Header(
      name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before sending it again",
      schema = @Schema(type = "integer")))
  @interface UnsubscribeLinkErrors {
  }

  /**
   * What an unsubscribe link answers, shown or followed: 200 with a page for the person who clicked
   * it (GET's asks to confirm, POST's says what they were unsubscribed from), or the link's errors.
   */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "200", description = "A page for the person: GET's asks to confirm, POST's says what"
      + " they were unsubscribed from", content = @Content(mediaType = MediaType.TEXT_HTML_VALUE,
      schema = @Schema(type = "string")))
  @UnsubscribeLinkErrors
  @interface UnsubscribePage {
  }

  /**
   * 202 for a message the outbox queued (the manual one, or the copy a resend made), with the
   * message and its URL; the outbox sends it later, so its status says what became of it.
   */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "202", description = "Queued; GET the Location to see what became of it",
      headers = @Header(name = HttpHeaders.LOCATION, description = "The message's URL, e.g. /api/messages/1207",
          schema = @Schema(type = "string", format = "uri-reference")),
      content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = MessageController.MessageResource.class),
          examples = @ExampleObject(value = ApiExamples.MESSAGE)))
  @interface MessageQueued {
  }

  /** 200 with a page of the outbox's messages, newest first, and 400 for the status or the page asked for. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "200", description = "The messages, newest first", content = @Content(
      mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(
          implementation = MessageController.MessageResource.class))))
  @ApiResponse(responseCode = "400", description = "An unknown status (or none where one is required), a page below"
      + " 0, a size outside 1 to 500, or a malformed contact id; the problem names it")
  @interface MessageList {
  }

  /** The errors for the message id in the path: 400 when it is not a number, 404 when the outbox lacks it. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "400", description = "The id is not a whole number")
  @ApiResponse(responseCode = "404", description = "The outbox has no message with the id"
      + " (urn:dndguard:problem:message-not-found)")
  @interface MessageIdErrors {
  }

  /** 409: the rules refuse the clear, with the reason and what would lift it. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "409", description = "The rules refuse the clear; nothing changed", content = @Content(
      examples = @ExampleObject(value = ApiExamples.REFUSED)))
  @interface ClearRefused {
  }

  /** 400 for an outbound channel (or ALL) that does not exist, or a bad note. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "400", description = "An unknown channel, or a bad note", content = @Content(
      examples = @ExampleObject(value = ApiExamples.INVALID_CHANNEL)))
  @interface InvalidChannel {
  }

  /** 400 for an inbound channel other than CALL or SMS, or a bad note. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "400", description = "Not CALL or SMS, or a bad note", content = @Content(
      examples = @ExampleObject(value = ApiExamples.INVALID_INBOUND_CHANNEL)))
  @interface InvalidInboundChannel {
  }

  /** 200 with a report's CSV, and 400 for its period. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "200", description = "The report", content = @Content(mediaType = "text/csv",
      schema = @Schema(type = "string")))
  @InvalidPeriod
  @interface CsvReport {
  }

  /** 400 for a period that is missing, malformed or reversed. */
  @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "400", description = "from or to is missing, malformed or reversed")
  @interface InvalidPeriod {
  }

  /**
   * A change of a contact's DND made by a user: an optional note for the audit trail in, and 200
   * with the contact's DND record after the change out, or 404 for a contact that is not registered.
   */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @RequestBody(description = "An optional note for the audit trail", content = @Content(
      schema = @Schema(implementation = NoteRequest.class), examples = @ExampleObject(value = ApiExamples.NOTE)))
  @ApiResponse(responseCode = "200", description = "The record after the change", content = @Content(
      schema = @Schema(implementation = DndRecordView.class), examples = @ExampleObject(value = ApiExamples.RECORD)))
  @ContactNotFound
  @interface DndChange {
  }

  /** The contact id in the path. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  @Parameter(description = "The contact id", example = "c-42")
  @interface ContactId {
  }

  /** The message id in the path. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  @Parameter(description = "The message id, as the message's Location gives it", example = "1207")
  @interface MessageId {
  }

  /** An outbound channel, or ALL, in the path. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  @Parameter(description = "The channel, or ALL for every channel", example = "SMS",
      schema = @Schema(allowableValues = {"CALL", "EMAIL", "SMS", "WHATSAPP", "FACEBOOK", "GMB", "ALL"}))
  @interface OutboundChannel {
  }

  /** An inbound channel in the path. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  @Parameter(description = "CALL or SMS", example = "CALL", schema = @Schema(allowableValues = {"CALL", "SMS"}))
  @interface InboundChannel {
  }
}
