CREATE TABLE search_gram (
  gram VARCHAR(8) NOT NULL,
  code VARCHAR(64) NOT NULL,
  provider_code VARCHAR(18) NOT NULL,
  sharing_type VARCHAR(16) NOT NULL,
  classification VARCHAR(64) NOT NULL,
  format VARCHAR(32) NOT NULL,
  status VARCHAR(16) NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (gram, code)
);
