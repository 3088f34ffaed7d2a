ALTER TABLE sharing_grant ADD COLUMN decide_by TIMESTAMP;
CREATE INDEX grant_overdue ON sharing_grant (status, decide_by);
