using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using LearningCatalogue.Catalogue.Model;

namespace LearningCatalogue.Catalogue.Storage;

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

/// <summary>The key is already used by another entry of the same provider.</summary>
public sealed class DuplicateKeyException(string key) : Exception($"Another entry of this provider already has the key '{key}'.")
{
    public string Key { get; } = key;
}

/// <summary>
/// Stores learning opportunities in the relational store. Each write saves an entry with its texts,
/// outcomes and skill links whole, in one transaction, or not at all, and records in the same transaction
/// that the entry changed (the change log harvesters read, stamped with <paramref name="clock"/>).
/// </summary>
public sealed class LearningOpportunityStore(CatalogueDatabase database, TimeProvider? clock = null)
{
    // SQL Server takes at most 2,100 parameters in a statement; reads expand ids in batches well below that.
    private const int ReadBatchSize = 500;

    private CatalogueStatements Sql => database.Statements;

    public async Task<LearningOpportunity?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await LoadAsync(connection, [id], cancellationToken);
        return found.SingleOrDefault();
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(Sql.CountOpportunities, cancellationToken: cancellationToken));
    }

    /// <summary>One page of entries in creation order, with the total count.</summary>
    public async Task<Page<LearningOpportunity>> ListAsync(int pageNumber, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(Sql.CountOpportunities, cancellationToken: cancellationToken));
        var ids = (await connection.QueryAsync<Guid>(new CommandDefinition(
            Sql.OpportunityIdsPage, new { Skip = (pageNumber - 1) * pageSize, Take = pageSize }, cancellationToken: cancellationToken))).ToList();
        return new Page<LearningOpportunity>(await LoadAsync(connection, ids, cancellationToken), total, pageNumber, pageSize);
    }

    /// <summary>Every entry, in creation order, read in batches.</summary>
    public async IAsyncEnumerable<LearningOpportunity> StreamAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        for (var skip = 0; ; skip += ReadBatchSize)
        {
            var ids = (await connection.QueryAsync<Guid>(new CommandDefinition(
                Sql.OpportunityIdsPage, new { Skip = skip, Take = ReadBatchSize }, cancellationToken: cancellationToken))).ToList();
            foreach (var entry in await LoadAsync(connection, ids, cancellationToken))
            {
                yield return entry;
            }
            if (ids.Count < ReadBatchSize) yield break;
        }
    }

    public Task AddAsync(LearningOpportunity entry, CancellationToken cancellationToken = default) =>
        AddRangeAsync([entry], cancellationToken);

    /// <summary>Adds all the entries in one transaction: either all are stored or none is.</summary>
    public async Task AddRangeAsync(IEnumerable<LearningOpportunity> entries, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var entry in entries)
        {
            await EnsureKeyFreeAsync(connection, transaction, entry, inserting: true, cancellationToken);
            await AppendChangeAsync(connection, transaction, entry.Id, cancellationToken);
            await ExecuteAsync(connection, transaction, Sql.InsertOpportunity, ToRow(entry), cancellationToken);
            await InsertChildrenAsync(connection, transaction, entry, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Replaces an entry whole. Returns false when there is no entry with that id.</summary>
    public async Task<bool> UpdateAsync(LearningOpportunity entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await EnsureKeyFreeAsync(connection, transaction, entry, inserting: false, cancellationToken);
        await AppendChangeAsync(connection, transaction, entry.Id, cancellationToken);
        // Without a commit the change's row goes with the transaction.
        if (await ExecuteAsync(connection, transaction, Sql.UpdateOpportunity, ToRow(entry), cancellationToken) == 0)
        {
            return false;
        }
        foreach (var statement in Sql.DeleteChildren)
        {
            await ExecuteAsync(connection, transaction, statement, new { entry.Id }, cancellationToken);
        }
        await InsertChildrenAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Replaces the skill links of one learning outcome and marks the entry modified, in one transaction.</summary>
    public async Task ReplaceSkillLinksAsync(
        Guid opportunityId, Guid outcomeId, IReadOnlyList<SkillLink> links, DateTimeOffset modifiedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AppendChangeAsync(connection, transaction, opportunityId, cancellationToken);
        await ExecuteAsync(connection, transaction, Sql.DeleteSkillLinks, new { OutcomeId = outcomeId }, cancellationToken);
        await ExecuteAsync(connection, transaction, Sql.InsertSkillLink, SkillLinkRows(outcomeId, links).ToList(), cancellationToken);
        await ExecuteAsync(connection, transaction, Sql.TouchOpportunity, new { Id = opportunityId, ModifiedAt = modifiedAt.ToUniversalTime() }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Deletes an entry with everything it holds. Returns false when there is no entry with that id.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AppendChangeAsync(connection, transaction, id, cancellationToken);
        if (await ExecuteAsync(connection, transaction, Sql.DeleteOpportunity, new { Id = id }, cancellationToken) == 0)
        {
            return false;
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The entries in the order of <paramref name="ids"/>; ids without an entry are left out.</summary>
    public async Task<IReadOnlyList<LearningOpportunity>> FindManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = new List<LearningOpportunity>(ids.Count);
        foreach (var batch in ids.Chunk(ReadBatchSize))
        {
            found.AddRange(await LoadAsync(connection, batch, cancellationToken));
        }
        return found;
    }

    // Checked before writing so that a taken key is reported as such, not as a constraint violation.
    private async Task EnsureKeyFreeAsync(
        DbConnection connection, DbTransaction transaction, LearningOpportunity entry, bool inserting, CancellationToken cancellationToken)
    {
        var holder = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            Sql.SelectIdByKey, new { KeyScope = KeyScope(entry), EntryKey = entry.Key }, transaction, cancellationToken: cancellationToken));
        if (holder is { } id && (inserting || id != entry.Id))
        {
            throw new DuplicateKeyException(entry.Key);
        }
    }

    private async Task InsertChildrenAsync(DbConnection connection, DbTransaction transaction, LearningOpportunity entry, CancellationToken cancellationToken)
    {
        var id = entry.Id;
        var providers = entry.Providers.Select((p, i) => ProviderRow(id, "provider", i, p));
        if (entry.AwardingBody is { } awardingBody) providers = providers.Append(ProviderRow(id, "awarding", 0, awardingBody));
        await ExecuteAsync(connection, transaction, Sql.InsertProvider, providers.ToList(), cancellationToken);

        var texts = TextFields.SelectMany(field => field.Get(entry).Select((t, i) =>
            new TextRow { OpportunityId = id, Field = field.Name, Ordinal = i, Language = t.Language, Value = t.Value }));
        await ExecuteAsync(connection, transaction, Sql.InsertText, texts.ToList(), cancellationToken);

        var codes = CodeFields.SelectMany(field => field.Get(entry).Select((code, i) =>
            new CodeRow { OpportunityId = id, Scheme = field.Scheme, Ordinal = i, Code = code }));
        await ExecuteAsync(connection, transaction, Sql.InsertCode, codes.ToList(), cancellationToken);

        var fees = entry.Fees.Select((f, i) =>
            new FeeRow { OpportunityId = id, Ordinal = i, Amount = f.Amount, Currency = f.Currency, Description = f.Description });
        await ExecuteAsync(connection, transaction, Sql.InsertFee, fees.ToList(), cancellationToken);

        var agreements = entry.RecognitionAgreements.Select((a, i) => new AgreementRow
        {
            OpportunityId = id, Ordinal = i, PartnerName = a.PartnerName, PartnerCountry = a.PartnerCountry,
            Direction = a.Direction.ToString(), CreditsRecognised = a.CreditsRecognised, AgreementUrl = a.AgreementUrl,
        });
        await ExecuteAsync(connection, transaction, Sql.InsertAgreement, agreements.ToList(), cancellationToken);

        var outcomes = entry.LearningOutcomes;
        await ExecuteAsync(connection, transaction, Sql.InsertOutcome, outcomes.Select((o, i) =>
            new OutcomeRow { Id = o.Id, OpportunityId = id, Ordinal = i, Origin = o.Origin.ToString() }).ToList(), cancellationToken);
        await ExecuteAsync(connection, transaction, Sql.InsertOutcomeText, outcomes.SelectMany(o => o.Text.Select((t, i) =>
            new OutcomeTextRow { OutcomeId = o.Id, Ordinal = i, Language = t.Language, Value = t.Value })).ToList(), cancellationToken);
        await ExecuteAsync(connection, transaction, Sql.InsertSkillLink, outcomes.SelectMany(o => SkillLinkRows(o.Id, o.SkillLinks)).ToList(), cancellationToken);
    }

    /// <summary>Records the change; called before the write, so that the row tells whether the entry was published until then.</summary>
    private Task<int> AppendChangeAsync(DbConnection connection, DbTransaction transaction, Guid id, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, Sql.AppendChange,
            new { Id = id, ChangedAt = (clock ?? TimeProvider.System).GetUtcNow(), Published = nameof(PublicationStatus.Published) }, cancellationToken);

    private static IEnumerable<SkillLinkRow> SkillLinkRows(Guid outcomeId, IReadOnlyList<SkillLink> links) => links.Select((l, i) => new SkillLinkRow
    {
        OutcomeId = outcomeId, Ordinal = i, SkillUri = l.SkillUri, Label = l.Label, LinkedBy = l.LinkedBy,
        LinkedAt = l.LinkedAt.ToUniversalTime(), Source = l.Source.ToString(),
    });

    private static Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, object parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));

    private async Task<IReadOnlyList<LearningOpportunity>> LoadAsync(DbConnection connection, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var parameters = new { Ids = ids };
        Task<IEnumerable<T>> Query<T>(string sql) =>
            connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));

        var rows = await Query<OpportunityRow>(Sql.SelectOpportunities);
        var providers = (await Query<ProviderRow>(Sql.SelectProviders)).ToLookup(r => r.OpportunityId);
        var texts = (await Query<TextRow>(Sql.SelectTexts)).ToLookup(r => r.OpportunityId);
        var codes = (await Query<CodeRow>(Sql.SelectCodes)).ToLookup(r => r.OpportunityId);
        var fees = (await Query<FeeRow>(Sql.SelectFees)).ToLookup(r => r.OpportunityId);
        var agreements = (await Query<AgreementRow>(Sql.SelectAgreements)).ToLookup(r => r.OpportunityId);
        var outcomes = (await Query<OutcomeRow>(Sql.SelectOutcomes)).ToLookup(r => r.OpportunityId);
        var outcomeTexts = (await Query<OutcomeTextRow>(Sql.SelectOutcomeTexts)).ToLookup(r => r.OutcomeId);
        var skillLinks = (await Query<SkillLinkRow>(Sql.SelectSkillLinks)).ToLookup(r => r.OutcomeId);

        var byId = rows.ToDictionary(r => r.Id, r =>
        {
            var entryTexts = texts[r.Id].ToLookup(t => t.Field);
            var entryCodes = codes[r.Id].ToLookup(c => c.Scheme);
            IReadOnlyList<LocalizedText> Texts(string field) => entryTexts[field].Select(t => new LocalizedText(t.Language, t.Value)).ToList();
            IReadOnlyList<string> Codes(string scheme) => entryCodes[scheme].Select(c => c.Code).ToList();
            return new LearningOpportunity
            {
                Id = r.Id,
                Key = r.EntryKey,
                Providers = providers[r.Id].Where(p => p.Role == "provider").Select(ToProvider).ToList(),
                AwardingBody = providers[r.Id].Where(p => p.Role == "awarding").Select(ToProvider).FirstOrDefault(),
                Title = Texts(TextField.Title),
                Summary = Texts(TextField.Summary),
                Description = Texts(TextField.Description),
                FurtherInformation = Texts(TextField.FurtherInformation),
                LearningOutcomes = outcomes[r.Id].Select(o => new LearningOutcome
                {
                    Id = o.Id,
                    Origin = Enum.Parse<OutcomeOrigin>(o.Origin),
                    Text = outcomeTexts[o.Id].Select(t => new LocalizedText(t.Language, t.Value)).ToList(),
                    SkillLinks = skillLinks[o.Id].Select(l => new SkillLink
                    {
                        SkillUri = l.SkillUri, Label = l.Label, LinkedBy = l.LinkedBy, LinkedAt = l.LinkedAt,
                        Source = Enum.Parse<SkillLinkSource>(l.Source),
                    }).ToList(),
                }).ToList(),
                EctsCredits = r.EctsCredits,
                WorkloadHours = r.WorkloadHours,
                EqfLevel = r.EqfLevel,
                NationalLevel = r.NationalLevel,
                AssessmentTypes = Codes(CodeField.Assessment),
                Mode = r.Mode,
                QualityAssurance = Texts(TextField.QualityAssurance),
                Prerequisites = Texts(TextField.Prerequisites),
                Supervision = r.Supervision is null ? null : Enum.Parse<SupervisionAndIdentityVerification>(r.Supervision),
                GradingScheme = Texts(TextField.GradingScheme),
                Stackability = Texts(TextField.Stackability),
                OpportunityType = r.OpportunityType,
                LearningSetting = r.LearningSetting,
                InstructionLanguages = Codes(CodeField.InstructionLanguage),
                ThematicFields = Codes(CodeField.ThematicField),
                LearningSchedule = r.LearningSchedule,
                SelfPaced = r.SelfPaced,
                StartDate = r.StartDate,
                EndDate = r.EndDate,
                EnrolmentStart = r.EnrolmentStart,
                EnrolmentEnd = r.EnrolmentEnd,
                Duration = r.Duration,
                Fees = fees[r.Id].Select(f => new Fee(f.Amount, f.Currency, f.Description)).ToList(),
                Location = r.Location,
                TargetGroups = Codes(CodeField.TargetGroup),
                TargetGroupDescription = Texts(TextField.TargetGroupDescription),
                Contact = r.ContactEmail is null && r.ContactUrl is null ? null : new ContactPoint { Email = r.ContactEmail, Url = r.ContactUrl },
                Homepage = r.Homepage,
                CredentialKind = Enum.Parse<CredentialKind>(r.CredentialKind),
                IssuedAsEuropeanDigitalCredential = r.IssuedAsEdc,
                RecognitionAgreements = agreements[r.Id].Select(a => new RecognitionAgreement
                {
                    PartnerName = a.PartnerName, PartnerCountry = a.PartnerCountry, Direction = Enum.Parse<RecognitionDirection>(a.Direction),
                    CreditsRecognised = a.CreditsRecognised, AgreementUrl = a.AgreementUrl,
                }).ToList(),
                Status = Enum.Parse<PublicationStatus>(r.Status),
                Revision = r.Revision,
                CreatedAt = r.CreatedAt,
                ModifiedAt = r.ModifiedAt,
            };
        });
        // Keep the order the ids came in (creation order for pages).
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    private static string KeyScope(LearningOpportunity entry) =>
        entry.Providers.FirstOrDefault()?.Name.Trim().ToLowerInvariant() ?? "";

    private static OpportunityRow ToRow(LearningOpportunity e) => new()
    {
        Id = e.Id,
        EntryKey = e.Key,
        KeyScope = KeyScope(e),
        EctsCredits = e.EctsCredits,
        WorkloadHours = e.WorkloadHours,
        EqfLevel = e.EqfLevel,
        NationalLevel = e.NationalLevel,
        Mode = e.Mode,
        Supervision = e.Supervision?.ToString(),
        OpportunityType = e.OpportunityType,
        LearningSetting = e.LearningSetting,
        LearningSchedule = e.LearningSchedule,
        SelfPaced = e.SelfPaced,
        StartDate = e.StartDate,
        EndDate = e.EndDate,
        EnrolmentStart = e.EnrolmentStart,
        EnrolmentEnd = e.EnrolmentEnd,
        Duration = e.Duration,
        Location = e.Location,
        ContactEmail = e.Contact?.Email,
        ContactUrl = e.Contact?.Url,
        Homepage = e.Homepage,
        CredentialKind = e.CredentialKind.ToString(),
        IssuedAsEdc = e.IssuedAsEuropeanDigitalCredential,
        Status = e.Status.ToString(),
        Revision = e.Revision,
        CreatedAt = e.CreatedAt.ToUniversalTime(),
        ModifiedAt = e.ModifiedAt.ToUniversalTime(),
    };

    private static ProviderRow ProviderRow(Guid opportunityId, string role, int ordinal, Provider p) => new()
    {
        OpportunityId = opportunityId, Role = role, Ordinal = ordinal, Name = p.Name, Country = p.Country,
        Website = p.Website, LegalIdentifier = p.LegalIdentifier, DeqarId = p.DeqarId,
    };

    private static Provider ToProvider(ProviderRow r) => new()
    {
        Name = r.Name, Country = r.Country, Website = r.Website, LegalIdentifier = r.LegalIdentifier, DeqarId = r.DeqarId,
    };

    /// <summary>The field names of opportunity_text; the harvesting API maps its text collections onto them.</summary>
    internal static class TextField
    {
        public const string Title = "title";
        public const string Summary = "summary";
        public const string Description = "description";
        public const string FurtherInformation = "further_information";
        public const string QualityAssurance = "quality_assurance";
        public const string Prerequisites = "prerequisites";
        public const string GradingScheme = "grading_scheme";
        public const string Stackability = "stackability";
        public const string TargetGroupDescription = "target_group_description";
    }

    private static readonly (string Name, Func<LearningOpportunity, IReadOnlyList<LocalizedText>> Get)[] TextFields =
    [
        (TextField.Title, e => e.Title),
        (TextField.Summary, e => e.Summary),
        (TextField.Description, e => e.Description),
        (TextField.FurtherInformation, e => e.FurtherInformation),
        (TextField.QualityAssurance, e => e.QualityAssurance),
        (TextField.Prerequisites, e => e.Prerequisites),
        (TextField.GradingScheme, e => e.GradingScheme),
        (TextField.Stackability, e => e.Stackability),
        (TextField.TargetGroupDescription, e => e.TargetGroupDescription),
    ];

    /// <summary>The schemes of opportunity_code; the harvesting API maps its code collections onto them.</summary>
    internal static class CodeField
    {
        public const string Assessment = Vocabularies.VocabularyScheme.Assessment;
        public const string InstructionLanguage = Vocabularies.VocabularyScheme.Language;
        public const string ThematicField = Vocabularies.VocabularyScheme.IscedF;
        public const string TargetGroup = Vocabularies.VocabularyScheme.TargetGroup;
    }

    private static readonly (string Scheme, Func<LearningOpportunity, IReadOnlyList<string>> Get)[] CodeFields =
    [
        (CodeField.Assessment, e => e.AssessmentTypes),
        (CodeField.InstructionLanguage, e => e.InstructionLanguages),
        (CodeField.ThematicField, e => e.ThematicFields),
        (CodeField.TargetGroup, e => e.TargetGroups),
    ];
}
