-- Quiet hours (issue 15). Written for H2 and PostgreSQL.

-- a contact's own IANA time zone; without it the zone comes from its phone number
ALTER TABLE DND_CONTACT ADD COLUMN TIME_ZONE VARCHAR(64);

-- a deferred step's skip record says when it will run
ALTER TABLE DND_SKIP ADD COLUMN RUN_AT TIMESTAMP WITH TIME ZONE;

-- an outbox message held for quiet hours says until when (NEXT_ATTEMPT_AT is then that time)
ALTER TABLE DND_OUTBOX ADD COLUMN HELD_UNTIL TIMESTAMP WITH TIME ZONE;
