-- Topics (issue 15): a contact may leave one topic (a newsletter) and keep the others. A row per
-- topic the contact left; it is subscribed to every topic without a row. Written for H2 and
-- PostgreSQL.
CREATE TABLE DND_TOPIC_OPTOUT (
  CONTACT_ID        VARCHAR(255)  NOT NULL,
  TOPIC             VARCHAR(64)   NOT NULL,
  REASON            VARCHAR(32)   NOT NULL,
  SINCE             TIMESTAMP WITH TIME ZONE NOT NULL,
  SOURCE            VARCHAR(16)   NOT NULL,
  ACTOR             VARCHAR(255),
  PROVIDER_EVENT_ID VARCHAR(255),
  MESSAGE_ID        VARCHAR(255),
  CODE              VARCHAR(64),
  KEYWORD           VARCHAR(32),
  NOTE              VARCHAR(1000),
  PRIMARY KEY (CONTACT_ID, TOPIC)
);

-- the topic an audit row is about (TOPIC_LEFT, TOPIC_REJOINED)
ALTER TABLE DND_AUDIT ADD COLUMN TOPIC VARCHAR(64);

-- a skip record of a step held back because the contact left its topic names the topic; such a
-- record, and a deferral, has no DND entry behind it
ALTER TABLE DND_SKIP ADD COLUMN TOPIC VARCHAR(64);
ALTER TABLE DND_SKIP ALTER COLUMN BLOCKED_BY DROP NOT NULL;
ALTER TABLE DND_SKIP ALTER COLUMN REASON DROP NOT NULL;
ALTER TABLE DND_SKIP ALTER COLUMN BLOCKED_SINCE DROP NOT NULL;

-- a message about a topic (manual or from a workflow step) names it, for the dispatch check and
-- the unsubscribe link
ALTER TABLE DND_OUTBOX ADD COLUMN TOPIC VARCHAR(64);
