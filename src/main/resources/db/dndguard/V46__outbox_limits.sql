-- How communication limits treat an outbox message (issue 22): LIMITED (counted and held when a
-- rule is full; NULL in rows queued before this version means the same), STEP (queued by a guarded
-- step that already took its place: neither counted nor held again), EXEMPT (transactional,
-- dnd.limit=exempt: never held; counted only with dnd.limits.count-exempt=true) or OVERRIDDEN (an
-- operator sent it over a full limit with a reason: counted, never held). Written for H2 and PostgreSQL.
ALTER TABLE DND_OUTBOX ADD COLUMN LIMIT_MODE VARCHAR(16);
