-- Time-ordered reads (issue 23): a contact's consent file merges its audit rows, skip records and
-- outbox messages by time, and the compliance reports and the retention job read every table by
-- time. Each index answers one of those reads in order, so the rows stream from the database
-- without a sort (a sort of a million rows would be done in memory or on disk before the first
-- row). Written for H2 and PostgreSQL.

-- the consent file: one contact's rows in time order
CREATE INDEX DND_AUDIT_BY_CONTACT_TIME ON DND_AUDIT (CONTACT_ID, RECORDED_AT, ID);
CREATE INDEX DND_SKIP_BY_CONTACT_TIME ON DND_SKIP (CONTACT_ID, RECORDED_AT, ID);
CREATE INDEX DND_OUTBOX_BY_CONTACT_TIME ON DND_OUTBOX (CONTACT_ID, CREATED_AT, ID);

-- the reports (opt-outs by receipt, refusals and skips by time) and retention (everything by age)
CREATE INDEX DND_AUDIT_BY_RECEIVED ON DND_AUDIT (RECEIVED_AT, ID);
CREATE INDEX DND_AUDIT_BY_RECORDED ON DND_AUDIT (RECORDED_AT, ID);
CREATE INDEX DND_SKIP_BY_RECORDED ON DND_SKIP (RECORDED_AT, ID);
CREATE INDEX DND_OUTBOX_BY_UPDATED ON DND_OUTBOX (UPDATED_AT, ID);
CREATE INDEX DND_PROVIDER_EVENT_BY_RECEIVED ON DND_PROVIDER_EVENT (RECEIVED_AT);
