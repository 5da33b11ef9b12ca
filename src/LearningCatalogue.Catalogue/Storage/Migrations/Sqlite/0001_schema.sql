-- Catalogue schema for SQLite. Same tables and columns as SqlServer/0001_schema.sql; only types differ.
CREATE TABLE vocabulary_term (
    scheme TEXT NOT NULL,
    code   TEXT NOT NULL,
    uri    TEXT NOT NULL,
    label  TEXT NOT NULL,
    PRIMARY KEY (scheme, code)
);

CREATE TABLE learning_opportunity (
    id                TEXT NOT NULL PRIMARY KEY,
    entry_key         TEXT NOT NULL,
    key_scope         TEXT NOT NULL,
    ects_credits      NUMERIC NULL,
    workload_hours    NUMERIC NULL,
    eqf_level         INTEGER NULL,
    national_level    TEXT NULL,
    mode              TEXT NULL,
    supervision       TEXT NULL,
    opportunity_type  TEXT NULL,
    learning_setting  TEXT NULL,
    learning_schedule TEXT NULL,
    self_paced        INTEGER NOT NULL,
    start_date        TEXT NULL,
    end_date          TEXT NULL,
    enrolment_start   TEXT NULL,
    enrolment_end     TEXT NULL,
    duration          TEXT NULL,
    location          TEXT NULL,
    contact_email     TEXT NULL,
    contact_url       TEXT NULL,
    homepage          TEXT NULL,
    credential_kind   TEXT NOT NULL,
    issued_as_edc     INTEGER NOT NULL,
    status            TEXT NOT NULL,
    revision          INTEGER NOT NULL,
    created_at        TEXT NOT NULL,
    modified_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_learning_opportunity_key ON learning_opportunity (key_scope, entry_key);
CREATE INDEX ix_learning_opportunity_created ON learning_opportunity (created_at, id);

CREATE TABLE opportunity_provider (
    opportunity_id   TEXT NOT NULL REFERENCES learning_opportunity (id) ON DELETE CASCADE,
    role             TEXT NOT NULL,
    ordinal          INTEGER NOT NULL,
    name             TEXT NOT NULL,
    country          TEXT NULL,
    website          TEXT NULL,
    legal_identifier TEXT NULL,
    deqar_id         TEXT NULL,
    PRIMARY KEY (opportunity_id, role, ordinal)
);

CREATE TABLE opportunity_text (
    opportunity_id TEXT NOT NULL REFERENCES learning_opportunity (id) ON DELETE CASCADE,
    field          TEXT NOT NULL,
    ordinal        INTEGER NOT NULL,
    language       TEXT NOT NULL,
    value          TEXT NOT NULL,
    PRIMARY KEY (opportunity_id, field, language)
);

CREATE TABLE opportunity_code (
    opportunity_id TEXT NOT NULL REFERENCES learning_opportunity (id) ON DELETE CASCADE,
    scheme         TEXT NOT NULL,
    ordinal        INTEGER NOT NULL,
    code           TEXT NOT NULL,
    PRIMARY KEY (opportunity_id, scheme, code),
    FOREIGN KEY (scheme, code) REFERENCES vocabulary_term (scheme, code)
);

CREATE TABLE opportunity_fee (
    opportunity_id TEXT NOT NULL REFERENCES learning_opportunity (id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,
    amount         NUMERIC NOT NULL,
    currency       TEXT NOT NULL,
    description    TEXT NULL,
    PRIMARY KEY (opportunity_id, ordinal)
);

CREATE TABLE recognition_agreement (
    opportunity_id     TEXT NOT NULL REFERENCES learning_opportunity (id) ON DELETE CASCADE,
    ordinal            INTEGER NOT NULL,
    partner_name       TEXT NOT NULL,
    partner_country    TEXT NULL,
    direction          TEXT NOT NULL,
    credits_recognised NUMERIC NULL,
    agreement_url      TEXT NULL,
    PRIMARY KEY (opportunity_id, ordinal)
);

CREATE TABLE learning_outcome (
    id             TEXT NOT NULL PRIMARY KEY,
    opportunity_id TEXT NOT NULL REFERENCES learning_opportunity (id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,
    origin         TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_learning_outcome_ordinal ON learning_outcome (opportunity_id, ordinal);

CREATE TABLE outcome_text (
    outcome_id TEXT NOT NULL REFERENCES learning_outcome (id) ON DELETE CASCADE,
    ordinal    INTEGER NOT NULL,
    language   TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (outcome_id, language)
);

CREATE TABLE skill_link (
    outcome_id TEXT NOT NULL REFERENCES learning_outcome (id) ON DELETE CASCADE,
    ordinal    INTEGER NOT NULL,
    skill_uri  TEXT NOT NULL,
    label      TEXT NULL,
    linked_by  TEXT NULL,
    linked_at  TEXT NOT NULL,
    source     TEXT NOT NULL,
    PRIMARY KEY (outcome_id, skill_uri)
);
CREATE INDEX ix_skill_link_uri ON skill_link (skill_uri);
