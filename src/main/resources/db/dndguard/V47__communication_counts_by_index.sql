-- Communication limits (issue 22, benchmark 22 in docs/performance.md): the guard counts a step by
-- COUNT over the contact's communications since its rules' earliest window start, per rule by
-- channel and topic. An index that holds those columns too answers the count from the index alone
-- (H2 reads no table row for it), and replaces the one on (CONTACT_ID, SENT_AT), of which it is an
-- extension. Written for H2 and PostgreSQL.
CREATE INDEX DND_COMMUNICATION_BY_CONTACT_AT ON DND_COMMUNICATION (CONTACT_ID, SENT_AT, CHANNEL, TOPIC);
DROP INDEX DND_COMMUNICATION_BY_CONTACT;
-- a counted step takes an id; H2 writes its schema anew each time an identity has used up the ids it
-- set aside (32 by default), which cost a counted step as much as its insert. The ids only need to
-- be unique: gaps are harmless.
ALTER TABLE DND_COMMUNICATION ALTER COLUMN ID SET CACHE 1000;
