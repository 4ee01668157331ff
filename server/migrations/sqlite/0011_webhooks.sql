-- Record events and webhooks (issue #8).
--
-- record_events is an outbox: a row is written in the same transaction as the record change (only
-- when some active subscription wants that entity and event), and the webhook job turns it into
-- one delivery per matching subscription after commit (dispatched_at set then).
CREATE TABLE record_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  actor_id INTEGER,
  record TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  dispatched_at TEXT
);
CREATE INDEX record_events_pending ON record_events(id) WHERE dispatched_at IS NULL;
CREATE INDEX record_events_dispatched ON record_events(dispatched_at);

-- Subscriptions (admins). events: JSON array of "customers.created" / "customers.*". The secret
-- signs deliveries (HMAC-SHA256) and is never returned by the API. owner_id: the admin who created
-- it; payloads carry only what that user may read.
CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  format TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- One event (or a test ping: event_id NULL) to one subscription. status: pending | delivered |
-- failed (retries used up) | skipped (the owner may not read the record, or the subscription is
-- inactive). claimed_until: a sender holds it until then (several servers on one database).
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  webhook_id INTEGER NOT NULL REFERENCES webhooks(id),
  event_id INTEGER REFERENCES record_events(id),
  event TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_until TEXT,
  last_status_code INTEGER,
  last_error TEXT,
  created_at TEXT NOT NULL,
  finished_at TEXT,
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries(webhook_id, id);

-- The log: one row per HTTP attempt. status_code NULL when no response came (timeout, refused).
CREATE TABLE webhook_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id),
  attempt INTEGER NOT NULL,
  status_code INTEGER,
  duration_ms INTEGER NOT NULL,
  error TEXT,
  started_at TEXT NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id);
