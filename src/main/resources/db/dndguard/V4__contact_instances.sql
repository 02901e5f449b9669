-- Which contact each running process instance works for, so that a contact's instances are found
-- with one indexed query, however many instances other contacts have running. A row is written in
-- the engine's own transaction when an instance starts (or later gets its contact) and deleted in
-- the transaction that ends it, whether it completes, is cancelled or is deleted. Written for both
-- H2 and PostgreSQL.
CREATE TABLE DND_CONTACT_INSTANCE (
  PROCESS_INSTANCE_ID       VARCHAR(64)  NOT NULL PRIMARY KEY,
  CONTACT_ID                VARCHAR(255) NOT NULL,
  -- the top of the instance's call hierarchy, and the instance whose call activity started it
  ROOT_PROCESS_INSTANCE_ID  VARCHAR(64)  NOT NULL,
  SUPER_PROCESS_INSTANCE_ID VARCHAR(64)
);
CREATE INDEX DND_CONTACT_INSTANCE_BY_CONTACT ON DND_CONTACT_INSTANCE (CONTACT_ID);
