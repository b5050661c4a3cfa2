using System.Security.Cryptography;
using CareerGraph.Api.Hosting;
using CareerGraph.Embedded;
using CareerGraph.Interchange.Seeding;
using CareerGraph.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareerGraph.Tests.Seeding;

/// <summary>Each version of the seed files is loaded once, under its content hash, also in stores seeded by earlier versions.</summary>
public sealed class SeederTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_version_is_loaded_once_under_its_hash_and_the_former_one_and_a_changed_version_again()
    {
        using var store = SqliteGraphStore.Open(_folder.File("seeded.db"));
        var seeder = new Seeder(store, NullLogger<Seeder>.Instance);
        var seeds = _folder.CopyOfSeeds();

        Assert.NotNull(await seeder.LoadAsync(seeds));
        Assert.True(await store.WasImportedAsync(Seeder.KeyOf(Files(seeds))));
        Assert.Matches("^seeds:[0-9a-f]{32}$", Seeder.KeyOf(Files(seeds)));
        Assert.True(await store.WasImportedAsync(Seeder.FormerKeyOf(Files(seeds))), "An earlier version started on this store finds its key too.");
        Assert.Null(await seeder.LoadAsync(seeds));

        File.AppendAllText(Path.Combine(seeds, SeedFiles.Careers), "\n"); // the same seeds, another version of the files
        Assert.NotNull(await seeder.LoadAsync(seeds));
    }

    [Fact]
    public async Task A_store_seeded_under_the_former_key_is_not_seeded_again_and_gets_the_current_key()
    {
        using var store = SqliteGraphStore.Open(_folder.File("seeded-before.db"));
        var seeds = _folder.CopyOfSeeds();
        // What earlier versions recorded: the first 16 hex digits of the SHA-256 of industries, skills and careers.
        var former = "seeds:" + Convert.ToHexStringLower(SHA256.HashData(Files(seeds).SelectMany(bytes => bytes).ToArray()))[..16];
        Assert.Equal(former, Seeder.FormerKeyOf(Files(seeds)));
        await store.ImportAsync(SeedFiles.Read(seeds), new ImportOptions { OnceKey = former });
        var stats = await store.GetStatsAsync();

        Assert.Null(await new Seeder(store, NullLogger<Seeder>.Instance).LoadAsync(seeds));
        Assert.True(await store.WasImportedAsync(Seeder.KeyOf(Files(seeds))), "The current key is recorded for the next start.");
        Assert.Equivalent(stats, await store.GetStatsAsync(), strict: true);
    }

    private static byte[][] Files(string folder) =>
        [.. new[] { SeedFiles.Industries, SeedFiles.Skills, SeedFiles.Careers }.Select(name => File.ReadAllBytes(Path.Combine(folder, name)))];

    public void Dispose() => _folder.Dispose();
}
