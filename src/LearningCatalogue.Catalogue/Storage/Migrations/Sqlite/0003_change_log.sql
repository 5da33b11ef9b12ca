-- Every write to an entry appends a row, in the write's transaction, so that harvesters can ask what changed
-- (or went) after a point of the log. Same table and columns as SqlServer/0003_change_log.sql; only types differ.
-- No foreign key to learning_opportunity: the record of a deletion outlives the entry.
CREATE TABLE change_log (
    seq            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    opportunity_id TEXT NOT NULL,
    changed_at     TEXT NOT NULL
);
CREATE INDEX ix_change_log_changed ON change_log (changed_at);
