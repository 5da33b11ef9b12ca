using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Skills.Esco;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace LearningCatalogue.Skills.Suggestion;

/// <summary>
/// An embedded Lucene.Net index of the released ESCO skills that suggests skills for a text (a learning outcome, a
/// job-ad sentence) in English, French, Spanish or any other loaded language.
/// <para>
/// Design. One document per label (preferred or alternative) and one per description, in each language, so that a
/// label is scored on its own: a sentence names a skill when it contains most of one label's words, not when it
/// contains scattered words of many labels. Text fields are named by language (<c>label_en</c>, <c>desc_fr</c>) and
/// analyzed by that language's analyzer (<see cref="SkillAnalyzers"/>). Scoring walks the postings of the query terms
/// directly: label documents score (sum of matched IDF) × coverage^e, coverage being the IDF share of the label's terms
/// the text contains; descriptions add a small BM25 score. A skill takes its best label plus its description.
/// </para>
/// <para>
/// Storage. <see cref="Build(IEnumerable{EscoSkill}, CancellationToken)"/> writes a new generation folder under
/// <see cref="Folder"/>, then points the <c>current</c> file at it with an atomic rename and swaps the open reader:
/// searches never see a half-built index, and searches already running finish on the old one (readers are
/// reference-counted, as SearcherManager does). Thread-safe: any number of threads may call <see cref="Suggest"/>
/// while one builds.
/// </para>
/// </summary>
public sealed class SkillSuggestionIndex : IDisposable
{
    private const string CurrentFile = "current";
    private const string UriField = "uri";
    private const string KindField = "kind";
    private const string LanguageField = "lang";
    private const string TextField = "text";
    private const string SkillTypeField = "skillType";
    internal const string LabelPrefix = "label_";
    internal const string DescriptionPrefix = "desc_";

    internal const byte PreferredKind = 0;
    internal const byte AlternativeKind = 1;
    internal const byte DescriptionKind = 2;

    private readonly SkillAnalyzers analyzers = new();
    private readonly System.Threading.Lock buildLock = new();
    private IndexSnapshot? current;
    private bool disposed;

    /// <summary>Opens the index in <paramref name="folder"/> if one was built there; otherwise it is empty until built.</summary>
    public SkillSuggestionIndex(string folder, SkillSuggestionOptions? options = null)
    {
        Folder = Path.GetFullPath(folder);
        Options = options ?? SkillSuggestionOptions.Default;
        var generation = ReadCurrentGeneration();
        if (generation is not null) current = IndexSnapshot.Open(Path.Combine(Folder, generation), analyzers);
    }

    public string Folder { get; }

    /// <summary>The scoring settings; may be replaced at any time (tuning runs do), taking effect for the next search.</summary>
    public SkillSuggestionOptions Options { get; set; }

    /// <summary>True once an index has been built (now or by an earlier run) and can answer.</summary>
    public bool IsAvailable => Volatile.Read(ref current) is not null;

    /// <summary>The number of skills the open index holds.</summary>
    public int SkillCount => Volatile.Read(ref current)?.SkillCount ?? 0;

    /// <summary>The languages the open index holds labels in ("en", "fr", ...).</summary>
    public IReadOnlyList<string> Languages => Volatile.Read(ref current)?.Languages ?? [];

    /// <summary>Builds a new index from <paramref name="skills"/> (released skills and knowledge only) and switches to it.</summary>
    public void Build(IEnumerable<EscoSkill> skills, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skills);
        BuildCore(writer =>
        {
            foreach (var skill in skills)
            {
                cancellationToken.ThrowIfCancellationRequested();
                AddSkill(writer, skill);
            }
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="Build(IEnumerable{EscoSkill}, CancellationToken)"/>
    public Task BuildAsync(IAsyncEnumerable<EscoSkill> skills, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skills);
        return BuildCore(async writer =>
        {
            await foreach (var skill in skills.WithCancellation(cancellationToken))
            {
                AddSkill(writer, skill);
            }
        });
    }

    /// <summary>
    /// The <paramref name="k"/> best skills for <paramref name="text"/> written in <paramref name="language"/> (a BCP 47
    /// tag), best first. A language the index does not hold is searched against every indexed language.
    /// </summary>
    public IReadOnlyList<SkillSuggestion> Suggest(string text, string language, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return Search(text, language, accept: null, skip: 0, take: k).Items;
    }

    /// <summary>
    /// A page of the skills matching <paramref name="text"/>, ranked as <see cref="Suggest"/> ranks them, among those whose
    /// URI <paramref name="accept"/> keeps, with how many it keeps in all. The filter sees every match, not just the best
    /// few, so that a rare filter value still finds its skills and the total is exact.
    /// </summary>
    public (IReadOnlyList<SkillSuggestion> Items, int Total) Search(string text, string language, Func<string, bool>? accept, int skip, int take)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(language);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ObjectDisposedException.ThrowIf(disposed, this);
        var snapshot = Acquire() ?? throw new InvalidOperationException($"The skill suggestion index in {Folder} has not been built.");
        try
        {
            return snapshot.Search(text, SkillAnalyzers.NormalizeLanguage(language), accept, skip, take, Options);
        }
        finally
        {
            snapshot.Release();
        }
    }

    public void Dispose()
    {
        lock (buildLock)
        {
            if (disposed) return;
            disposed = true;
            Interlocked.Exchange(ref current, null)?.Release();
            analyzers.Dispose();
        }
    }

    private IndexSnapshot? Acquire()
    {
        while (true)
        {
            var snapshot = Volatile.Read(ref current);
            if (snapshot is null) return null;
            if (snapshot.TryAcquire()) return snapshot;
            // Lost a race with a switch: the snapshot was released; the next read sees the new one.
        }
    }

    private async Task BuildCore(Func<IndexWriter, Task> addDocuments)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        System.IO.Directory.CreateDirectory(Folder);
        var generation = $"g{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}"[..28];
        var path = Path.Combine(Folder, generation);
        try
        {
            using (var directory = FSDirectory.Open(path))
            using (var writer = new IndexWriter(directory, new IndexWriterConfig(SkillAnalyzers.Version, analyzers)
                   {
                       OpenMode = OpenMode.CREATE,
                       RAMBufferSizeMB = 64,
                   }))
            {
                await addDocuments(writer);
                // One segment: doc ids are dense and the per-document arrays of the snapshot index them directly.
                writer.ForceMerge(1);
                writer.Commit();
            }
            Switch(generation, path);
        }
        catch
        {
            TryDelete(path);
            throw;
        }
    }

    private void Switch(string generation, string path)
    {
        lock (buildLock)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var snapshot = IndexSnapshot.Open(path, analyzers);
            var pointer = Path.Combine(Folder, CurrentFile);
            var temporary = pointer + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, generation);
            File.Move(temporary, pointer, overwrite: true); // rename: atomic, so a crash leaves the old or the new pointer
            Interlocked.Exchange(ref current, snapshot)?.Release();
            foreach (var old in System.IO.Directory.EnumerateDirectories(Folder))
            {
                if (!string.Equals(Path.GetFileName(old), generation, StringComparison.Ordinal)) TryDelete(old);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (System.IO.Directory.Exists(path)) System.IO.Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Still open by a reader on a platform that locks open files: the next build deletes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string? ReadCurrentGeneration()
    {
        var pointer = Path.Combine(Folder, CurrentFile);
        if (!File.Exists(pointer)) return null;
        var generation = File.ReadAllText(pointer).Trim();
        return generation.Length > 0 && DirectoryReader.IndexExists(FSDirectory.Open(Path.Combine(Folder, generation)))
            ? generation
            : null;
    }

    private static void AddSkill(IndexWriter writer, EscoSkill skill)
    {
        if (!string.Equals(skill.Status, "released", StringComparison.OrdinalIgnoreCase)) return;
        if (!string.Equals(skill.ConceptType, EscoConceptType.Skill, StringComparison.Ordinal)) return;
        var seen = new HashSet<(string, string)>();
        foreach (var label in skill.PreferredLabels) Add(label, PreferredKind);
        foreach (var label in skill.AlternativeLabels) Add(label, AlternativeKind);
        foreach (var description in skill.Descriptions) Add(description, DescriptionKind);

        void Add(LocalizedText text, byte kind)
        {
            var value = text.Value.Trim();
            var language = SkillAnalyzers.NormalizeLanguage(text.Language);
            if (value.Length == 0 || language.Length == 0) return;
            // ESCO repeats the preferred label among the alternative labels: one document per distinct text.
            if (kind != DescriptionKind && !seen.Add((language, value.ToLowerInvariant()))) return;
            var document = new Document
            {
                new StringField(UriField, skill.Uri, Field.Store.YES),
                new SortedDocValuesField(UriField, new BytesRef(skill.Uri)),
                new NumericDocValuesField(KindField, kind),
                new StoredField(KindField, kind),
                new StringField(LanguageField, language, Field.Store.YES),
                new StoredField(TextField, value),
                new TextField((kind == DescriptionKind ? DescriptionPrefix : LabelPrefix) + language, value, Field.Store.NO),
            };
            if (kind == PreferredKind && skill.SkillType is not null) document.Add(new StoredField(SkillTypeField, skill.SkillType));
            writer.AddDocument(document);
        }
    }

    /// <summary>
    /// One opened generation: the reader and the per-document arrays the scoring needs, computed once from the postings
    /// when the reader opens. Reference-counted so that a switch never closes a reader a search still uses.
    /// </summary>
    private sealed class IndexSnapshot
    {
        private readonly LuceneDirectory directory;
        private readonly DirectoryReader reader;
        private readonly AtomicReader leaf;
        private readonly SkillAnalyzers analyzers;
        private readonly int[] skillOfDoc;
        private readonly byte[] kindOfDoc;
        private readonly float[] labelIdfMass; // label docs: the sum of the IDF of their distinct terms
        private readonly int[] descriptionLength; // description docs: number of tokens
        private readonly string[] textOfDoc;
        private readonly byte[] languageOfDoc;
        private readonly string?[] skillTypes;
        private readonly int[] preferredDoc; // [skill * languages + language] → doc of the preferred label, or -1
        private readonly Dictionary<string, LanguageFields> fields = new(StringComparer.Ordinal);
        private readonly ThreadLocal<Scratch> scratch;
        private int references = 1;

        private IndexSnapshot(LuceneDirectory directory, DirectoryReader reader, SkillAnalyzers analyzers)
        {
            this.directory = directory;
            this.reader = reader;
            this.analyzers = analyzers;
            leaf = SlowCompositeReaderWrapper.Wrap(reader);
            var maxDoc = leaf.MaxDoc;
            skillOfDoc = new int[maxDoc];
            kindOfDoc = new byte[maxDoc];
            labelIdfMass = new float[maxDoc];
            descriptionLength = new int[maxDoc];

            var uris = leaf.GetSortedDocValues(UriField);
            var kinds = leaf.GetNumericDocValues(KindField);
            SkillCount = uris?.ValueCount ?? 0;
            Uris = new string[SkillCount];
            for (var doc = 0; doc < maxDoc && uris is not null; doc++)
            {
                skillOfDoc[doc] = uris.GetOrd(doc);
                kindOfDoc[doc] = (byte)kinds.Get(doc);
            }
            var bytes = new BytesRef();
            for (var ord = 0; ord < SkillCount; ord++)
            {
                uris!.LookupOrd(ord, bytes);
                Uris[ord] = bytes.Utf8ToString();
            }

            var languages = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var info in leaf.FieldInfos)
            {
                if (info.Name.StartsWith(LabelPrefix, StringComparison.Ordinal) || info.Name.StartsWith(DescriptionPrefix, StringComparison.Ordinal))
                {
                    languages.Add(SkillAnalyzers.LanguageOfField(info.Name));
                }
            }
            Languages = [.. languages];
            foreach (var language in Languages)
            {
                var labels = leaf.GetTerms(LabelPrefix + language);
                var descriptions = leaf.GetTerms(DescriptionPrefix + language);
                var entry = new LanguageFields(language, labels, descriptions);
                if (labels is not null) entry.LabelDocCount = ComputeLabelMass(labels);
                if (descriptions is not null) (entry.DescriptionDocCount, entry.AverageDescriptionLength) = ComputeDescriptionLengths(descriptions);
                fields[language] = entry;
            }

            preferredDoc = new int[Math.Max(1, SkillCount * Languages.Count)];
            Array.Fill(preferredDoc, -1);
            var languageIndex = Languages.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
            // The stored texts are held in memory (tens of MB for all of ESCO in three languages): reading stored fields
            // decompresses a whole block per document, which would cost more than the search itself.
            textOfDoc = new string[maxDoc];
            languageOfDoc = new byte[maxDoc];
            skillTypes = new string?[SkillCount];
            for (var doc = 0; doc < maxDoc; doc++)
            {
                var stored = leaf.Document(doc);
                textOfDoc[doc] = stored.Get(TextField) ?? "";
                var language = stored.Get(LanguageField);
                if (language is null || !languageIndex.TryGetValue(language, out var index)) continue;
                languageOfDoc[doc] = (byte)index;
                if (kindOfDoc[doc] != PreferredKind) continue;
                preferredDoc[skillOfDoc[doc] * Languages.Count + index] = doc;
                skillTypes[skillOfDoc[doc]] ??= stored.Get(SkillTypeField);
            }
            LanguageIndex = languageIndex;
            scratch = new ThreadLocal<Scratch>(() => new Scratch(maxDoc, SkillCount));
        }

        public int SkillCount { get; }
        public string[] Uris { get; }
        public IReadOnlyList<string> Languages { get; }
        private Dictionary<string, int> LanguageIndex { get; }

        public static IndexSnapshot Open(string path, SkillAnalyzers analyzers)
        {
            var directory = FSDirectory.Open(path);
            try
            {
                return new IndexSnapshot(directory, DirectoryReader.Open(directory), analyzers);
            }
            catch
            {
                directory.Dispose();
                throw;
            }
        }

        public bool TryAcquire()
        {
            while (true)
            {
                var count = Volatile.Read(ref references);
                if (count <= 0) return false;
                if (Interlocked.CompareExchange(ref references, count + 1, count) == count) return true;
            }
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref references) != 0) return;
            reader.Dispose();
            directory.Dispose();
            scratch.Dispose();
        }

        private int ComputeLabelMass(Terms terms)
        {
            var docCount = terms.DocCount;
            var termsEnum = terms.GetEnumerator();
            DocsEnum? docs = null;
            while (termsEnum.MoveNext())
            {
                var idf = (float)Idf(termsEnum.DocFreq, docCount);
                docs = termsEnum.Docs(null, docs, DocsFlags.NONE);
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc()) labelIdfMass[doc] += idf;
            }
            return docCount;
        }

        private (int DocCount, double AverageLength) ComputeDescriptionLengths(Terms terms)
        {
            var termsEnum = terms.GetEnumerator();
            DocsEnum? docs = null;
            long total = 0;
            while (termsEnum.MoveNext())
            {
                docs = termsEnum.Docs(null, docs, DocsFlags.FREQS);
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                {
                    descriptionLength[doc] += docs.Freq;
                    total += docs.Freq;
                }
            }
            return (terms.DocCount, terms.DocCount == 0 ? 1 : (double)total / terms.DocCount);
        }

        internal static double Idf(long docFreq, long docCount) => Math.Log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));

        public (IReadOnlyList<SkillSuggestion> Items, int Total) Search(
            string text, string language, Func<string, bool>? accept, int skip, int take, SkillSuggestionOptions options)
        {
            var work = scratch.Value!;
            var passes = new List<Pass>();
            if (fields.ContainsKey(language))
            {
                passes.Add(new Pass(fields[language], 1.0, Analyze(language, text, options)));
                if (options.CrossLanguageWeight > 0)
                {
                    foreach (var other in Languages)
                    {
                        if (other != language) passes.Add(new Pass(fields[other], options.CrossLanguageWeight, Analyze(other, text, options)));
                    }
                }
            }
            else
            {
                foreach (var other in Languages) passes.Add(new Pass(fields[other], 1.0, Analyze(other, text, options)));
            }

            try
            {
                for (var p = 0; p < passes.Count; p++)
                {
                    ScoreLabels(work, passes[p], p, options);
                    ScoreDescriptions(work, passes[p], p, options);
                }
                return TopSkills(work, passes, accept, skip, take, language);
            }
            finally
            {
                work.ResetSkills();
            }
        }

        private List<QueryTerm> Analyze(string language, string text, SkillSuggestionOptions options)
        {
            var terms = new List<QueryTerm>();
            var cues = analyzers.CueTerms(language);
            var cueWeight = (float)options.CueWordWeight;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            using var stream = analyzers.GetTokenStream(LabelPrefix + language, text);
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken() && terms.Count < Scratch.MaxQueryTerms)
            {
                var value = term.ToString();
                if (!seen.Add(value)) continue;
                var start = Math.Clamp(offset.StartOffset, 0, text.Length);
                var end = Math.Clamp(offset.EndOffset, start, text.Length);
                terms.Add(new QueryTerm(value, new BytesRef(value), text[start..end], cues.Contains(value) ? cueWeight : 1f));
            }
            stream.End();
            return terms;
        }

        private void ScoreLabels(Scratch work, Pass pass, int passIndex, SkillSuggestionOptions options)
        {
            if (pass.Fields.Labels is null) return;
            var termsEnum = pass.Fields.Labels.GetEnumerator();
            DocsEnum? docs = null;
            for (var i = 0; i < pass.Terms.Count; i++)
            {
                if (!termsEnum.SeekExact(pass.Terms[i].Bytes)) continue;
                var idf = (float)Idf(termsEnum.DocFreq, pass.Fields.LabelDocCount) * pass.Terms[i].Weight;
                docs = termsEnum.Docs(leaf.LiveDocs, docs, DocsFlags.NONE);
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc()) work.AddDoc(doc, idf, i);
            }
            var exponent = options.CoverageExponent;
            foreach (var doc in work.TouchedDocs)
            {
                var matched = work.DocScore[doc];
                var coverage = Math.Min(1.0, matched / labelIdfMass[doc]);
                var score = pass.Weight * matched * (exponent == 2 ? coverage * coverage : Math.Pow(coverage, exponent));
                if (kindOfDoc[doc] == AlternativeKind) score *= options.AlternativeLabelWeight;
                var skill = skillOfDoc[doc];
                work.TouchSkill(skill);
                if (score > work.LabelScore[skill])
                {
                    work.LabelScore[skill] = score;
                    work.LabelDoc[skill] = doc;
                    work.LabelMask[skill] = work.DocMask[doc];
                    work.LabelPass[skill] = passIndex;
                }
            }
            work.ResetDocs();
        }

        private void ScoreDescriptions(Scratch work, Pass pass, int passIndex, SkillSuggestionOptions options)
        {
            // Descriptions of the other languages are skipped: their words rarely coincide with the text's by meaning,
            // and their postings are the longest to walk.
            if (pass.Fields.Descriptions is null || options.DescriptionWeight <= 0 || pass.Weight < 1) return;
            var termsEnum = pass.Fields.Descriptions.GetEnumerator();
            DocsEnum? docs = null;
            var k1 = options.DescriptionK1;
            var b = options.DescriptionB;
            var average = pass.Fields.AverageDescriptionLength;
            for (var i = 0; i < pass.Terms.Count; i++)
            {
                if (!termsEnum.SeekExact(pass.Terms[i].Bytes)) continue;
                var idf = Idf(termsEnum.DocFreq, pass.Fields.DescriptionDocCount) * pass.Terms[i].Weight;
                docs = termsEnum.Docs(leaf.LiveDocs, docs, DocsFlags.FREQS);
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                {
                    var tf = docs.Freq;
                    var norm = k1 * (1 - b + b * descriptionLength[doc] / average);
                    work.AddDoc(doc, (float)(idf * tf * (k1 + 1) / (tf + norm)), i);
                }
            }
            foreach (var doc in work.TouchedDocs)
            {
                var score = pass.Weight * options.DescriptionWeight * work.DocScore[doc];
                var skill = skillOfDoc[doc];
                work.TouchSkill(skill);
                if (score > work.DescriptionScore[skill])
                {
                    work.DescriptionScore[skill] = score;
                    work.DescriptionDoc[skill] = doc;
                    work.DescriptionMask[skill] = work.DocMask[doc];
                    work.DescriptionPass[skill] = passIndex;
                }
            }
            work.ResetDocs();
        }

        private (IReadOnlyList<SkillSuggestion> Items, int Total) TopSkills(
            Scratch work, List<Pass> passes, Func<string, bool>? accept, int skip, int take, string language)
        {
            // A bounded min-heap: the lowest of the best skip + take on top. Ties go to the lower ordinal (URI order) to
            // stay stable. Only the page is described: evidence is the costly part.
            var k = skip + take;
            var heap = new PriorityQueue<int, (double Score, int Negated)>(k + 1);
            var total = 0;
            foreach (var skill in work.TouchedSkills)
            {
                var score = work.LabelScore[skill] + work.DescriptionScore[skill];
                if (score <= 0 || (accept is not null && !accept(Uris[skill]))) continue;
                total++;
                heap.Enqueue(skill, (score, -skill));
                if (heap.Count > k) heap.Dequeue();
            }
            var best = new (int Skill, double Score)[heap.Count];
            for (var i = best.Length - 1; i >= 0; i--)
            {
                heap.TryDequeue(out var skill, out var priority);
                best[i] = (skill, priority.Score);
            }
            return (best.Skip(skip).Select(b => Describe(work, passes, b.Skill, b.Score, language)).ToList(), total);
        }

        private SkillSuggestion Describe(Scratch work, List<Pass> passes, int skill, double score, string language)
        {
            var evidence = new List<SkillEvidence>(2);
            if (work.LabelDoc[skill] >= 0) evidence.Add(Evidence(work.LabelDoc[skill], passes[work.LabelPass[skill]], work.LabelMask[skill]));
            if (work.DescriptionDoc[skill] >= 0) evidence.Add(Evidence(work.DescriptionDoc[skill], passes[work.DescriptionPass[skill]], work.DescriptionMask[skill]));

            var labelDoc = PreferredDoc(skill, language) ?? PreferredDoc(skill, "en") ?? Languages.Select(l => PreferredDoc(skill, l)).FirstOrDefault(d => d is not null);
            return new SkillSuggestion(Uris[skill], labelDoc is { } d ? textOfDoc[d] : Uris[skill], skillTypes[skill], score, evidence);
        }

        private int? PreferredDoc(int skill, string language) =>
            LanguageIndex.TryGetValue(language, out var index) && preferredDoc[skill * Languages.Count + index] is var doc and >= 0 ? doc : null;

        private SkillEvidence Evidence(int doc, Pass pass, ulong mask)
        {
            var field = kindOfDoc[doc] switch
            {
                PreferredKind => SkillEvidenceField.PreferredLabel,
                AlternativeKind => SkillEvidenceField.AlternativeLabel,
                _ => SkillEvidenceField.Description,
            };
            var matched = new List<string>();
            for (var i = 0; i < pass.Terms.Count; i++)
            {
                if ((mask & (1UL << i)) != 0) matched.Add(pass.Terms[i].Surface);
            }
            return new SkillEvidence(field, Languages[languageOfDoc[doc]], textOfDoc[doc], matched);
        }
    }

    private sealed class LanguageFields(string language, Terms? labels, Terms? descriptions)
    {
        public string Language { get; } = language;
        public Terms? Labels { get; } = labels;
        public Terms? Descriptions { get; } = descriptions;
        public int LabelDocCount { get; set; }
        public int DescriptionDocCount { get; set; }
        public double AverageDescriptionLength { get; set; } = 1;
    }

    private sealed record QueryTerm(string Term, BytesRef Bytes, string Surface, float Weight);

    private sealed record Pass(LanguageFields Fields, double Weight, List<QueryTerm> Terms);

    /// <summary>Per-thread accumulators, sized once per snapshot and cleared through the lists of touched entries.</summary>
    private sealed class Scratch
    {
        /// <summary>Matched terms are tracked in a 64-bit mask: the first 64 distinct terms of a text are searched.</summary>
        public const int MaxQueryTerms = 64;

        public Scratch(int maxDoc, int skills)
        {
            DocScore = new float[maxDoc];
            DocMask = new ulong[maxDoc];
            LabelScore = new double[skills];
            DescriptionScore = new double[skills];
            LabelDoc = new int[skills];
            DescriptionDoc = new int[skills];
            LabelMask = new ulong[skills];
            DescriptionMask = new ulong[skills];
            LabelPass = new int[skills];
            DescriptionPass = new int[skills];
            skillTouched = new bool[skills];
            Array.Fill(LabelDoc, -1);
            Array.Fill(DescriptionDoc, -1);
        }

        private readonly bool[] skillTouched;
        public float[] DocScore { get; }
        public ulong[] DocMask { get; }
        public List<int> TouchedDocs { get; } = new(4096);
        public double[] LabelScore { get; }
        public double[] DescriptionScore { get; }
        public int[] LabelDoc { get; }
        public int[] DescriptionDoc { get; }
        public ulong[] LabelMask { get; }
        public ulong[] DescriptionMask { get; }
        public int[] LabelPass { get; }
        public int[] DescriptionPass { get; }
        public List<int> TouchedSkills { get; } = new(4096);

        public void AddDoc(int doc, float score, int term)
        {
            if (DocMask[doc] == 0) TouchedDocs.Add(doc);
            DocScore[doc] += score;
            DocMask[doc] |= 1UL << term;
        }

        public void TouchSkill(int skill)
        {
            if (skillTouched[skill]) return;
            skillTouched[skill] = true;
            TouchedSkills.Add(skill);
        }

        public void ResetDocs()
        {
            foreach (var doc in TouchedDocs)
            {
                DocScore[doc] = 0;
                DocMask[doc] = 0;
            }
            TouchedDocs.Clear();
        }

        public void ResetSkills()
        {
            ResetDocs();
            foreach (var skill in TouchedSkills)
            {
                skillTouched[skill] = false;
                LabelScore[skill] = 0;
                DescriptionScore[skill] = 0;
                LabelDoc[skill] = -1;
                DescriptionDoc[skill] = -1;
                LabelMask[skill] = 0;
                DescriptionMask[skill] = 0;
            }
            TouchedSkills.Clear();
        }
    }
}
