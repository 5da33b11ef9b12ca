-- Catalogue schema for SQL Server. Same tables and columns as Sqlite/0001_schema.sql; only types differ.
CREATE TABLE vocabulary_term (
    scheme NVARCHAR(40) NOT NULL,
    code   NVARCHAR(40) NOT NULL,
    uri    NVARCHAR(200) NOT NULL,
    label  NVARCHAR(400) NOT NULL,
    PRIMARY KEY (scheme, code)
);

CREATE TABLE learning_opportunity (
    id                UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    entry_key         NVARCHAR(200) NOT NULL,
    key_scope         NVARCHAR(400) NOT NULL,
    ects_credits      DECIMAL(9, 2) NULL,
    workload_hours    DECIMAL(9, 2) NULL,
    eqf_level         INT NULL,
    national_level    NVARCHAR(200) NULL,
    mode              NVARCHAR(40) NULL,
    supervision       NVARCHAR(60) NULL,
    opportunity_type  NVARCHAR(40) NULL,
    learning_setting  NVARCHAR(40) NULL,
    learning_schedule NVARCHAR(40) NULL,
    self_paced        BIT NOT NULL,
    start_date        DATE NULL,
    end_date          DATE NULL,
    enrolment_start   DATE NULL,
    enrolment_end     DATE NULL,
    duration          NVARCHAR(40) NULL,
    location          NVARCHAR(400) NULL,
    contact_email     NVARCHAR(320) NULL,
    contact_url       NVARCHAR(2000) NULL,
    homepage          NVARCHAR(2000) NULL,
    credential_kind   NVARCHAR(40) NOT NULL,
    issued_as_edc     BIT NOT NULL,
    status            NVARCHAR(40) NOT NULL,
    revision          INT NOT NULL,
    created_at        DATETIMEOFFSET NOT NULL,
    modified_at       DATETIMEOFFSET NOT NULL
);
CREATE UNIQUE INDEX ux_learning_opportunity_key ON learning_opportunity (key_scope, entry_key);
CREATE INDEX ix_learning_opportunity_created ON learning_opportunity (created_at, id);

CREATE TABLE opportunity_provider (
    opportunity_id   UNIQUEIDENTIFIER NOT NULL REFERENCES learning_opportunity (id) ON DELETE CASCADE,
    role             NVARCHAR(20) NOT NULL,
    ordinal          INT NOT NULL,
    name             NVARCHAR(400) NOT NULL,
    country          NVARCHAR(40) NULL,
    website          NVARCHAR(2000) NULL,
    legal_identifier NVARCHAR(200) NULL,
    deqar_id         NVARCHAR(100) NULL,
    PRIMARY KEY (opportunity_id, role, ordinal)
);

CREATE TABLE opportunity_text (
    opportunity_id UNIQUEIDENTIFIER NOT NULL REFERENCES learning_opportunity (id) ON DELETE CASCADE,
    field          NVARCHAR(40) NOT NULL,
    ordinal        INT NOT NULL,
    language       NVARCHAR(35) NOT NULL,
    value          NVARCHAR(MAX) NOT NULL,
    PRIMARY KEY (opportunity_id, field, language)
);

CREATE TABLE opportunity_code (
    opportunity_id UNIQUEIDENTIFIER NOT NULL REFERENCES learning_opportunity (id) ON DELETE CASCADE,
    scheme         NVARCHAR(40) NOT NULL,
    ordinal        INT NOT NULL,
    code           NVARCHAR(40) NOT NULL,
    PRIMARY KEY (opportunity_id, scheme, code),
    FOREIGN KEY (scheme, code) REFERENCES vocabulary_term (scheme, code)
);

CREATE TABLE opportunity_fee (
    opportunity_id UNIQUEIDENTIFIER NOT NULL REFERENCES learning_opportunity (id) ON DELETE CASCADE,
    ordinal        INT NOT NULL,
    amount         DECIMAL(9, 2) NOT NULL,
    currency       NVARCHAR(40) NOT NULL,
    description    NVARCHAR(400) NULL,
    PRIMARY KEY (opportunity_id, ordinal)
);

CREATE TABLE recognition_agreement (
    opportunity_id     UNIQUEIDENTIFIER NOT NULL REFERENCES learning_opportunity (id) ON DELETE CASCADE,
    ordinal            INT NOT NULL,
    partner_name       NVARCHAR(400) NOT NULL,
    partner_country    NVARCHAR(40) NULL,
    direction          NVARCHAR(20) NOT NULL,
    credits_recognised DECIMAL(9, 2) NULL,
    agreement_url      NVARCHAR(2000) NULL,
    PRIMARY KEY (opportunity_id, ordinal)
);

CREATE TABLE learning_outcome (
    id             UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    opportunity_id UNIQUEIDENTIFIER NOT NULL REFERENCES learning_opportunity (id) ON DELETE CASCADE,
    ordinal        INT NOT NULL,
    origin         NVARCHAR(40) NOT NULL
);
CREATE UNIQUE INDEX ux_learning_outcome_ordinal ON learning_outcome (opportunity_id, ordinal);

CREATE TABLE outcome_text (
    outcome_id UNIQUEIDENTIFIER NOT NULL REFERENCES learning_outcome (id) ON DELETE CASCADE,
    ordinal    INT NOT NULL,
    language   NVARCHAR(35) NOT NULL,
    value      NVARCHAR(MAX) NOT NULL,
    PRIMARY KEY (outcome_id, language)
);

CREATE TABLE skill_link (
    outcome_id UNIQUEIDENTIFIER NOT NULL REFERENCES learning_outcome (id) ON DELETE CASCADE,
    ordinal    INT NOT NULL,
    skill_uri  NVARCHAR(200) NOT NULL,
    label      NVARCHAR(400) NULL,
    linked_by  NVARCHAR(200) NULL,
    linked_at  DATETIMEOFFSET NOT NULL,
    source     NVARCHAR(20) NOT NULL,
    PRIMARY KEY (outcome_id, skill_uri)
);
CREATE INDEX ix_skill_link_uri ON skill_link (skill_uri);
