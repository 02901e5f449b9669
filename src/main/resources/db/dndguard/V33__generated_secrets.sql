-- Secrets DND Guard generates once for the whole cluster when a deployment sets none: today the
-- HMAC key of one-click unsubscribe links (dnd.unsubscribe.secret unset). The first node to start
-- inserts it; a node that starts at the same moment finds the key taken and reads the winner's row,
-- so every node, and every restart, signs with the same key. Written for both H2 and PostgreSQL.
CREATE TABLE DND_SECRET (
  NAME       VARCHAR(64)  NOT NULL PRIMARY KEY,
  SECRET     VARCHAR(128) NOT NULL,
  CREATED_AT TIMESTAMP WITH TIME ZONE NOT NULL
);
