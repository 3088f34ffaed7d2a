CREATE TABLE witnessed_log (
  origin VARCHAR(200) PRIMARY KEY,
  department_code VARCHAR(18) NOT NULL,
  verifier_key VARCHAR(1000) NOT NULL,
  hash_suite VARCHAR(16) NOT NULL,
  tree_size BIGINT NOT NULL,
  note TEXT NOT NULL,
  first_seen TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX witnessed_log_department ON witnessed_log (department_code);
