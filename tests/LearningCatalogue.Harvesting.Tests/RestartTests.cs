using System.Net;
using LearningCatalogue.Catalogue.Model;
using LearningCatalogue.Catalogue.Tests;
using Microsoft.Data.Sqlite;

namespace LearningCatalogue.Harvesting.Tests;

/// <summary>Change tracking across a restart of the web host on the same data folder.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_delta_link_taken_before_a_restart_reports_the_changes_made_before_and_after_it()
    {
        var folder = Directory.CreateTempSubdirectory("catalogue-restart-").FullName;
        try
        {
            var entries = HarvestCorpus.Samples(PublicationStatus.Published);
            var (deleted, changed) = (entries[0], entries[1]);
            var added = SampleEntries.Full("added-after-the-restart") with { Status = PublicationStatus.Published };
            Uri deltaLink;
            await using (var before = new HarvestingHost(folder))
            {
                await before.InitializeAsync();
                await before.Catalogue.RestoreAsync(entries);
                var (harvested, last) = await before.AllPagesAsync("/odata/LearningOpportunities?$select=Id", ("Prefer", "odata.track-changes"));
                Assert.Equal(entries.Count, harvested.Count);
                deltaLink = last.DeltaLink!;
                await before.Catalogue.DeleteAsync(deleted.Id);
            }

            await using var after = new HarvestingHost(folder);
            await after.InitializeAsync();
            await after.Catalogue.RestoreAsync([added]);
            await after.Catalogue.Store.UpdateAsync(changed with { Location = "Changed after the restart" });
            var delta = await after.GetAsync(deltaLink.PathAndQuery);

            Assert.Equal(HttpStatusCode.OK, delta.Status);
            Assert.Equal(new[] { added.Id, changed.Id }.Order(), delta.Entries.Select(e => e.Id).Order());
            Assert.Equal(deleted.Id, Assert.Single(delta.Removed).Key);
            // The link opened because the keys that sealed it are kept with the database, not in the user's profile.
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, HarvestingExtensions.KeysFolder), "key-*.xml"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
