package org.dndguard.web.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.dndguard.store.AuditRecord;

/** One page of a contact's audit trail, newest first. */
@Schema(name = "HistoryPage", description = "One page of a contact's audit trail, newest first")
public record HistoryPage(
    @Schema(example = "c-42") String contactId,
    @Schema(description = "The page, from 0") int page,
    @Schema(description = "Rows per page") int size,
    @Schema(description = "How many rows the contact's trail has in all") long total,
    @Schema(description = "How many pages of this size the trail has") long totalPages,
    @Schema(description = "The rows of this page, newest first") List<AuditEntryView> items) {

  /** One page of the trail's rows, with the number of pages the trail's {@code total} rows make. */
  public static HistoryPage of(String contactId, int page, int size, long total, List<AuditRecord> rows) {
    return new HistoryPage(contactId, page, size, total, (total + size - 1) / size,
        rows.stream().map(AuditEntryView::of).toList());
  }
}
