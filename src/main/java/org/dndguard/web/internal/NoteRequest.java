package org.dndguard.web.internal;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.dndguard.contact.internal.ControlCharacters;

/**
 * The optional body of a DND change: a note for the audit trail.
 *
 * @param unknownFields any other member of the body, which is refused
 */
@Schema(name = "NoteRequest", description = "An optional note, kept with the change in the audit trail")
public record NoteRequest(
    @Size(max = NoteRequest.MAX_NOTE_LENGTH, message = "must be at most " + NoteRequest.MAX_NOTE_LENGTH
        + " characters long")
    @Schema(description = "Why the change is made", example = "Asked by phone not to be texted", maxLength = 1000)
    String note,
    @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknownFields) {

  /** The width of the audit trail's note column. */
  static final int MAX_NOTE_LENGTH = 1000;

  /**
   * The note of an optional body.
   *
   * @throws InvalidFieldException when the body has a member other than {@code note}
   */
  static String noteOf(NoteRequest body) {
    if (body == null) {
      return null;
    }
    UnknownFields.reject(body.unknownFields, List.of("note"), "a DND change");
    return ControlCharacters.refuse("note", body.note, true);
  }
}
