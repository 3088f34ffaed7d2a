CREATE TABLE mailbox_delivery (
  message_id VARCHAR(36) PRIMARY KEY,
  provider_code VARCHAR(18) NOT NULL,
  consumer_code VARCHAR(18) NOT NULL,
  resource_code VARCHAR(64) NOT NULL,
  items TEXT NOT NULL,
  grant_id VARCHAR(256),
  case_id VARCHAR(256),
  purpose VARCHAR(2000) NOT NULL,
  size_bytes BIGINT NOT NULL,
  digest VARCHAR(100) NOT NULL,
  committed_offset BIGINT NOT NULL,
  state VARCHAR(16) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL
);
CREATE INDEX mailbox_consumer ON mailbox_delivery (consumer_code, state, created_at);
CREATE INDEX mailbox_expiry ON mailbox_delivery (state, expires_at);
