namespace LearningCatalogue.Catalogue.Storage;

/// <summary>
/// Every statement the catalogue store issues, written once for both providers. Only paging comes from
/// the dialect. The tests parse <see cref="All"/> for SQL Server with ScriptDom, so a statement that is
/// not valid T-SQL fails CI even though no SQL Server runs here.
/// </summary>
public sealed class CatalogueStatements(SqlDialect dialect)
{
    private const string OpportunityColumns =
        "id, entry_key, key_scope, ects_credits, workload_hours, eqf_level, national_level, mode, supervision, " +
        "opportunity_type, learning_setting, learning_schedule, self_paced, start_date, end_date, enrolment_start, " +
        "enrolment_end, duration, location, contact_email, contact_url, homepage, credential_kind, issued_as_edc, " +
        "status, revision, created_at, modified_at";

    public string InsertVocabularyTerm =>
        "INSERT INTO vocabulary_term (scheme, code, uri, label) VALUES (@Scheme, @Code, @Uri, @Label)";

    public string SelectVocabularyTerms => "SELECT scheme, code, uri, label FROM vocabulary_term";

    public string InsertOpportunity =>
        $"INSERT INTO learning_opportunity ({OpportunityColumns}) VALUES ({Parameters(OpportunityColumns)})";

    public string UpdateOpportunity =>
        "UPDATE learning_opportunity SET " +
        string.Join(", ", OpportunityColumns.Split(", ").Skip(1).Where(c => c != "created_at").Select(c => $"{c} = @{Pascal(c)}")) +
        " WHERE id = @Id";

    public string DeleteOpportunity => "DELETE FROM learning_opportunity WHERE id = @Id";

    public string SelectIdByKey =>
        "SELECT id FROM learning_opportunity WHERE key_scope = @KeyScope AND entry_key = @EntryKey";

    public string CountOpportunities => "SELECT COUNT(*) FROM learning_opportunity";

    public string OpportunityIdsPage =>
        dialect.Paged("SELECT id FROM learning_opportunity ORDER BY created_at, id");

    public string SelectOpportunities => $"SELECT {OpportunityColumns} FROM learning_opportunity WHERE id IN @Ids";

    public string SelectProviders =>
        "SELECT opportunity_id, role, ordinal, name, country, website, legal_identifier, deqar_id " +
        "FROM opportunity_provider WHERE opportunity_id IN @Ids ORDER BY opportunity_id, role, ordinal";

    public string InsertProvider =>
        "INSERT INTO opportunity_provider (opportunity_id, role, ordinal, name, country, website, legal_identifier, deqar_id) " +
        "VALUES (@OpportunityId, @Role, @Ordinal, @Name, @Country, @Website, @LegalIdentifier, @DeqarId)";

    public string SelectTexts =>
        "SELECT opportunity_id, field, ordinal, language, value FROM opportunity_text " +
        "WHERE opportunity_id IN @Ids ORDER BY opportunity_id, field, ordinal";

    public string InsertText =>
        "INSERT INTO opportunity_text (opportunity_id, field, ordinal, language, value) " +
        "VALUES (@OpportunityId, @Field, @Ordinal, @Language, @Value)";

    public string SelectCodes =>
        "SELECT opportunity_id, scheme, ordinal, code FROM opportunity_code " +
        "WHERE opportunity_id IN @Ids ORDER BY opportunity_id, scheme, ordinal";

    public string InsertCode =>
        "INSERT INTO opportunity_code (opportunity_id, scheme, ordinal, code) VALUES (@OpportunityId, @Scheme, @Ordinal, @Code)";

    public string SelectFees =>
        "SELECT opportunity_id, ordinal, amount, currency, description FROM opportunity_fee " +
        "WHERE opportunity_id IN @Ids ORDER BY opportunity_id, ordinal";

    public string InsertFee =>
        "INSERT INTO opportunity_fee (opportunity_id, ordinal, amount, currency, description) " +
        "VALUES (@OpportunityId, @Ordinal, @Amount, @Currency, @Description)";

    public string SelectAgreements =>
        "SELECT opportunity_id, ordinal, partner_name, partner_country, direction, credits_recognised, agreement_url " +
        "FROM recognition_agreement WHERE opportunity_id IN @Ids ORDER BY opportunity_id, ordinal";

    public string InsertAgreement =>
        "INSERT INTO recognition_agreement (opportunity_id, ordinal, partner_name, partner_country, direction, credits_recognised, agreement_url) " +
        "VALUES (@OpportunityId, @Ordinal, @PartnerName, @PartnerCountry, @Direction, @CreditsRecognised, @AgreementUrl)";

    public string SelectOutcomes =>
        "SELECT id, opportunity_id, ordinal, origin FROM learning_outcome WHERE opportunity_id IN @Ids ORDER BY opportunity_id, ordinal";

    public string InsertOutcome =>
        "INSERT INTO learning_outcome (id, opportunity_id, ordinal, origin) VALUES (@Id, @OpportunityId, @Ordinal, @Origin)";

    public string SelectOutcomeTexts =>
        "SELECT t.outcome_id, t.ordinal, t.language, t.value FROM outcome_text t " +
        "JOIN learning_outcome o ON o.id = t.outcome_id WHERE o.opportunity_id IN @Ids ORDER BY t.outcome_id, t.ordinal";

    public string InsertOutcomeText =>
        "INSERT INTO outcome_text (outcome_id, ordinal, language, value) VALUES (@OutcomeId, @Ordinal, @Language, @Value)";

    public string SelectSkillLinks =>
        "SELECT l.outcome_id, l.ordinal, l.skill_uri, l.label, l.linked_by, l.linked_at, l.source FROM skill_link l " +
        "JOIN learning_outcome o ON o.id = l.outcome_id WHERE o.opportunity_id IN @Ids ORDER BY l.outcome_id, l.ordinal";

    public string InsertSkillLink =>
        "INSERT INTO skill_link (outcome_id, ordinal, skill_uri, label, linked_by, linked_at, source) " +
        "VALUES (@OutcomeId, @Ordinal, @SkillUri, @Label, @LinkedBy, @LinkedAt, @Source)";

    public string DeleteSkillLinks => "DELETE FROM skill_link WHERE outcome_id = @OutcomeId";

    public string TouchOpportunity => "UPDATE learning_opportunity SET modified_at = @ModifiedAt WHERE id = @Id";

    /// <summary>
    /// Every write of an entry appends one row to the change log, in the write's transaction and before the write, so
    /// that the row records whether the entry was published (@Published) until then.
    /// </summary>
    public string AppendChange =>
        "INSERT INTO change_log (opportunity_id, changed_at, was_published) SELECT @Id, @ChangedAt, " +
        "CASE WHEN EXISTS (SELECT 1 FROM learning_opportunity WHERE id = @Id AND status = @Published) THEN 1 ELSE 0 END";

    public string LastChange => "SELECT COALESCE(MAX(seq), 0) FROM change_log";

    /// <summary>
    /// The entries changed after the point @From of the log whose latest change is after @After (a later page of the
    /// same round), each once at its latest change, in log order, with whether any was published before one of its
    /// changes since @From.
    /// </summary>
    public string ChangesAfter =>
        dialect.Paged("SELECT opportunity_id, MAX(seq) AS seq, MAX(CAST(was_published AS INT)) AS was_published FROM change_log " +
                      "WHERE seq > @From GROUP BY opportunity_id HAVING MAX(seq) > @After ORDER BY MAX(seq)");

    public string PruneChanges => "DELETE FROM change_log WHERE changed_at < @Before";

    /// <summary>Children are replaced whole on update; outcome texts and skill links go with their outcomes.</summary>
    public IReadOnlyList<string> DeleteChildren =>
    [
        "DELETE FROM opportunity_provider WHERE opportunity_id = @Id",
        "DELETE FROM opportunity_text WHERE opportunity_id = @Id",
        "DELETE FROM opportunity_code WHERE opportunity_id = @Id",
        "DELETE FROM opportunity_fee WHERE opportunity_id = @Id",
        "DELETE FROM recognition_agreement WHERE opportunity_id = @Id",
        "DELETE FROM learning_outcome WHERE opportunity_id = @Id",
    ];

    /// <summary>Every statement above, for the T-SQL syntax check.</summary>
    public IEnumerable<string> All =>
        typeof(CatalogueStatements).GetProperties()
            .Where(p => p.Name != nameof(All))
            .SelectMany(p => p.GetValue(this) switch
            {
                string statement => [statement],
                IEnumerable<string> statements => statements,
                _ => [],
            });

    private static string Parameters(string columns) => string.Join(", ", columns.Split(", ").Select(c => "@" + Pascal(c)));

    private static string Pascal(string column) =>
        string.Concat(column.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
