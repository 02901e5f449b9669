-- A provider said at send time that the recipient opted out (Twilio's 21610), but setting DND for
-- the address failed: the message is BLOCKED (never sent again) and the DND is still owed. Every
-- dispatch run sets the owed DND again until it lands, then clears these columns; an opt-out is
-- never only logged. DND_REASON holds the reason, UPDATED_AT when the provider answered.
-- Written for both H2 and PostgreSQL.
ALTER TABLE DND_OUTBOX ADD COLUMN OPT_OUT_SOURCE VARCHAR(16);
ALTER TABLE DND_OUTBOX ADD COLUMN OPT_OUT_CODE VARCHAR(32);
CREATE INDEX DND_OUTBOX_OPT_OUT_OWED ON DND_OUTBOX (OPT_OUT_SOURCE);
