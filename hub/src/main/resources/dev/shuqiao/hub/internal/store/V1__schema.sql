CREATE TABLE department (
  code VARCHAR(18) PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  certificate_pem VARCHAR(16384) NOT NULL,
  endpoint_url VARCHAR(500) NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE TABLE resource (
  code VARCHAR(64) PRIMARY KEY,
  provider_code VARCHAR(18) NOT NULL,
  name VARCHAR(200) NOT NULL,
  summary VARCHAR(4000) NOT NULL,
  sharing_type VARCHAR(16) NOT NULL,
  classification VARCHAR(64) NOT NULL,
  format VARCHAR(32) NOT NULL,
  search_text VARCHAR(20000) NOT NULL,
  version INT NOT NULL,
  status VARCHAR(16) NOT NULL,
  descriptor TEXT NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX resource_provider ON resource (provider_code);
CREATE INDEX resource_updated ON resource (updated_at);
CREATE TABLE resource_version (
  code VARCHAR(64) NOT NULL,
  version INT NOT NULL,
  change_kind VARCHAR(16) NOT NULL,
  changed_by VARCHAR(18) NOT NULL,
  changed_at TIMESTAMP NOT NULL,
  descriptor TEXT NOT NULL,
  PRIMARY KEY (code, version)
);
CREATE TABLE sharing_grant (
  id VARCHAR(36) PRIMARY KEY,
  resource_code VARCHAR(64) NOT NULL,
  consumer_code VARCHAR(18) NOT NULL,
  provider_code VARCHAR(18) NOT NULL,
  items TEXT NOT NULL,
  purpose VARCHAR(2000) NOT NULL,
  legal_basis VARCHAR(2000) NOT NULL,
  valid_from TIMESTAMP NOT NULL,
  valid_until TIMESTAMP NOT NULL,
  status VARCHAR(16) NOT NULL,
  reason VARCHAR(2000),
  decided_by VARCHAR(18),
  decided_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX grant_consumer ON sharing_grant (consumer_code, status);
CREATE INDEX grant_provider ON sharing_grant (provider_code, status);
CREATE TABLE used_nonce (
  key_id VARCHAR(18) NOT NULL,
  nonce VARCHAR(64) NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  PRIMARY KEY (key_id, nonce)
);
CREATE INDEX used_nonce_expiry ON used_nonce (expires_at);
CREATE TABLE idempotent_request (
  key_id VARCHAR(18) NOT NULL,
  idempotency_key VARCHAR(64) NOT NULL,
  request_hash VARCHAR(64) NOT NULL,
  status INT NOT NULL,
  response_body TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (key_id, idempotency_key)
);
