CREATE TABLE hub_instance (
  origin VARCHAR(200) PRIMARY KEY,
  verifier_key VARCHAR(500) NOT NULL,
  first_seen TIMESTAMP NOT NULL,
  last_seen TIMESTAMP NOT NULL
);
