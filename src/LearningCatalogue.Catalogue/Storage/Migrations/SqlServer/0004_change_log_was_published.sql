-- Whether the entry was published just before the change: a harvester is told of a removal only when it could have
-- seen the entry, so drafts that were never published do not reach anonymous harvesters. Same column as
-- Sqlite/0004_change_log_was_published.sql. Rows written before this script are taken as published, which reports
-- a removal as before rather than lose one.
ALTER TABLE change_log ADD was_published BIT NOT NULL CONSTRAINT df_change_log_was_published DEFAULT 1;
