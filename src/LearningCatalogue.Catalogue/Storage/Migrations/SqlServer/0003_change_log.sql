-- Every write to an entry appends a row, in the write's transaction, so that harvesters can ask what changed
-- (or went) after a point of the log. Same table and columns as Sqlite/0003_change_log.sql; only types differ.
-- No foreign key to learning_opportunity: the record of a deletion outlives the entry.
CREATE TABLE change_log (
    seq            BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    opportunity_id UNIQUEIDENTIFIER NOT NULL,
    changed_at     DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_change_log_changed ON change_log (changed_at);
