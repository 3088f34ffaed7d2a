CREATE TABLE exchange (
  message_id VARCHAR(36) PRIMARY KEY,
  consumer_code VARCHAR(18) NOT NULL,
  provider_code VARCHAR(18) NOT NULL,
  resource_code VARCHAR(64) NOT NULL,
  items TEXT NOT NULL,
  grant_id VARCHAR(256),
  purpose VARCHAR(2000) NOT NULL,
  case_id VARCHAR(256),
  request_digest VARCHAR(100) NOT NULL,
  state VARCHAR(16) NOT NULL,
  owner_run VARCHAR(300),
  lease_until TIMESTAMP,
  http_status INT,
  ticket TEXT,
  response TEXT,
  problem TEXT,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX exchange_provider ON exchange (provider_code, state);
CREATE INDEX exchange_consumer ON exchange (consumer_code, created_at);
