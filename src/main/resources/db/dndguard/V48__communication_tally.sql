-- Communication limits (issue 22, benchmark 22 in docs/performance.md): a tally per contact, so a
-- limited step that certainly has room is checked and counted by one update of the contact's row
-- (which locks it) instead of counting its communications. TALLY_COUNT is never below the number
-- of the contact's communications sent since TALLY_SINCE (every counted communication adds one;
-- the exact check sets it anew); TALLY_RULES names the rules in force when it was set. NULL
-- TALLY_SINCE (a new contact, or the rules changed) sends the next step to the exact check. Written
-- for H2 and PostgreSQL.
ALTER TABLE DND_CONTACT ADD COLUMN TALLY_SINCE TIMESTAMP WITH TIME ZONE;
ALTER TABLE DND_CONTACT ADD COLUMN TALLY_COUNT INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE DND_CONTACT ADD COLUMN TALLY_RULES VARCHAR(64);
