package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.dndguard.store.internal.ConsentFile;
import org.dndguard.store.ContactNotFoundException;
import org.dndguard.store.ContactService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/contacts/{id}/evidence}: the contact's consent file ({@link ConsentFile}),
 * streamed from the database as it is read. JSON with its SHA-256 by default, CSV when the
 * request asks for {@code text/csv} (by {@code Accept}, or {@code format=csv} for a plain link).
 */
@RestController
@RequestMapping(path = DndPaths.API + "/contacts")
@Tag(name = "Compliance", description = "A contact's consent file and the compliance reports")
public class EvidenceController {

  static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final ConsentFile file;
  private final ContactService contacts;

  public EvidenceController(ConsentFile file, ContactService contacts) {
    this.file = file;
    this.contacts = contacts;
  }

  @GetMapping(path = "/{id}/evidence", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
  @Operation(operationId = "consentFile", summary = "A contact's consent file",
      description = "Everything DND Guard knows about the contact's consent and contact with it, oldest first, each"
          + " event once: provider events for its addresses (PROVIDER_EVENT), its audit trail with the evidence of"
          + " each DND and topic change, refusal, address change and unsubscribe link use (AUDIT), its guarded"
          + " steps held back (STEP) and its outbox messages with status and provider id (MESSAGE). JSON is"
          + " line-oriented: one line opens it, one line per event, and the last line carries `sha256`, the"
          + " SHA-256 (hex) of every byte before that line; `sed '$d' file.json | sha256sum` prints it again."
          + " `Accept: text/csv` (or `format=csv`) gives the same events as CSV. Streamed from the database.")
  @ApiResponse(responseCode = "200", description = "The consent file", content = {
      @Content(mediaType = MediaType.APPLICATION_JSON_VALUE),
      @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
  @ApiResponse(responseCode = "400", description = "format is neither csv nor json")
  @ApiDocs.ContactNotFound
  public ResponseEntity<StreamingResponseBody> evidence(@PathVariable @ApiDocs.ContactId String id,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
      @RequestParam(name = "format", required = false)
      @Parameter(description = "`csv` or `json`, for a link that cannot set Accept") String format) {
    String contactId = contacts.get(id).orElseThrow(() -> new ContactNotFoundException(id.trim())).id();
    boolean csv = wantsCsv(accept, format);
    String name = "consent-" + contactId.replaceAll("[^A-Za-z0-9._-]", "_") + (csv ? ".csv" : ".json");
    StreamingResponseBody body = csv ? out -> file.writeCsv(contactId, out) : out -> file.writeJson(contactId, out);
    return ResponseEntity.ok()
        .contentType(csv ? TEXT_CSV : MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(body);
  }

  /** CSV when asked by name, or when text/csv comes before any JSON in the Accept header. */
  static boolean wantsCsv(String accept, String format) {
    if (format != null && !format.isBlank()) {
      String wanted = format.strip().toLowerCase(Locale.ROOT);
      if (!wanted.equals("csv") && !wanted.equals("json")) {
        throw new InvalidFieldException("format", "format must be csv or json; it is '" + format.strip() + "'",
            List.of("csv", "json"));
      }
      return wanted.equals("csv");
    }
    if (accept == null || accept.isBlank()) {
      return false;
    }
    List<MediaType> types = MediaType.parseMediaTypes(accept);
    MimeTypeUtils.sortBySpecificity(types);
    types.sort((a, b) -> Double.compare(b.getQualityValue(), a.getQualityValue()));
    for (MediaType type : types) {
      if (type.getQualityValue() > 0 && type.isCompatibleWith(TEXT_CSV) && !type.isWildcardType()) {
        return true;
      }
      if (type.getQualityValue() > 0 && type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
        return false;
      }
    }
    return false;
  }
}
