CREATE TABLE console_official (
  username VARCHAR(64) PRIMARY KEY,
  display_name VARCHAR(200) NOT NULL,
  department_code VARCHAR(18),
  roles VARCHAR(200) NOT NULL,
  password_hash VARCHAR(300) NOT NULL,
  totp_secret VARCHAR(64) NOT NULL,
  last_totp_step BIGINT NOT NULL,
  failed_attempts INT NOT NULL,
  locked_until TIMESTAMP,
  created_at TIMESTAMP NOT NULL
);
CREATE TABLE console_session (
  id_hash VARCHAR(64) PRIMARY KEY,
  username VARCHAR(64) NOT NULL,
  csrf_token VARCHAR(64) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  last_seen TIMESTAMP NOT NULL
);
CREATE INDEX console_session_user ON console_session (username);
