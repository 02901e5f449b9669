-- Cockpit's process definition view shows, per step, how often DND Guard held it back: one
-- grouped query per definition, which this index answers without reading other definitions' rows.
CREATE INDEX DND_SKIP_BY_DEFINITION ON DND_SKIP (PROCESS_DEFINITION_ID, ACTIVITY_ID);
