package org.dndguard.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a contact's audit trail, newest first. */
@Schema(name = "HistoryPage", description = "One page of a contact's audit trail, newest first")
public record HistoryPage(
    @Schema(example = "c-42") String contactId,
    @Schema(description = "The page, from 0") int page,
    @Schema(description = "Rows per page") int size,
    @Schema(description = "How many rows the contact's trail has in all") long total,
    @Schema(description = "How many pages of this size the trail has") long totalPages,
    @Schema(description = "The rows of this page, newest first") List<AuditEntryView> items) {
}
