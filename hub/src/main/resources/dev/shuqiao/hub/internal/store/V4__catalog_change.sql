CREATE TABLE catalog_seq (
  id INT PRIMARY KEY,
  seq BIGINT NOT NULL
);
INSERT INTO catalog_seq (id, seq) VALUES (1, 0);
CREATE TABLE catalog_change (
  seq BIGINT PRIMARY KEY,
  code VARCHAR(64) NOT NULL
);
DROP TABLE search_gram;
