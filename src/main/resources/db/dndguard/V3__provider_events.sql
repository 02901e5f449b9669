-- Provider events: what makes a webhook event count once, and a Mailgun signature be accepted once.
-- Written for both H2 and PostgreSQL.

-- One row per provider event acted on: a Mailgun event id, a Twilio message status
-- ("status:<MessageSid>:<status>"), an inbound text ("sms:<MessageSid>") or call ("call:<CallSid>").
-- The row is inserted in the transaction that acts on the event, before anything else: a second
-- delivery, on any node, waits for that insert and then finds the key taken, so it changes nothing.
-- The rows of inbound texts and calls are also their record: who sent them and what became of them.
CREATE TABLE DND_PROVIDER_EVENT (
  PROVIDER     VARCHAR(16)   NOT NULL,
  EVENT_KEY    VARCHAR(300)  NOT NULL,
  KIND         VARCHAR(32)   NOT NULL,
  ADDRESS_KIND VARCHAR(16),
  ADDRESS      VARCHAR(320),
  OUTCOME      VARCHAR(32)   NOT NULL,
  DETAIL       VARCHAR(1000),
  RECEIVED_AT  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (PROVIDER, EVENT_KEY)
);
CREATE INDEX DND_PROVIDER_EVENT_BY_ADDRESS ON DND_PROVIDER_EVENT (ADDRESS_KIND, ADDRESS, RECEIVED_AT);

-- Mailgun signature tokens seen, so that a replayed request is refused on every node and after a
-- restart. A token is bound to its timestamp, which the window check refuses once it is old, so
-- tokens older than twice the window are deleted.
CREATE TABLE DND_MAILGUN_TOKEN (
  TOKEN       VARCHAR(255) NOT NULL PRIMARY KEY,
  SIGNED_AT   TIMESTAMP WITH TIME ZONE NOT NULL,
  RECEIVED_AT TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX DND_MAILGUN_TOKEN_BY_SIGNED_AT ON DND_MAILGUN_TOKEN (SIGNED_AT);
