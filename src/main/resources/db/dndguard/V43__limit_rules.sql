-- Communication limit rules set at run time through the API (issue 22); the rules of the
-- properties (dnd.limits.rules) apply too and are not stored. Written for H2 and PostgreSQL.
CREATE TABLE DND_LIMIT_RULE (
  NAME       VARCHAR(64)  NOT NULL PRIMARY KEY,
  -- comma-separated channel names; empty for every channel
  CHANNELS   VARCHAR(128) NOT NULL,
  -- comma-separated topics; empty for any topic
  TOPICS     VARCHAR(1000) NOT NULL,
  PER_TOPIC  BOOLEAN      NOT NULL,
  MAX_COUNT  INTEGER      NOT NULL,
  TIME_WINDOW VARCHAR(32) NOT NULL,
  CHANGED_BY VARCHAR(255),
  CHANGED_AT TIMESTAMP WITH TIME ZONE NOT NULL
);
