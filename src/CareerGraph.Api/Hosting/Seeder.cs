using System.Security.Cryptography;
using CareerGraph.Interchange.Seeding;
using CareerGraph.Store;

namespace CareerGraph.Api.Hosting;

/// <summary>
/// Loads the curated seeds into the store. Each version of the seed files (by content hash) is loaded
/// once, in one transaction, so restarts do not undo curators' later changes and a failed load leaves nothing.
/// </summary>
internal sealed class Seeder(ICareerGraphStore store, ILogger<Seeder> logger)
{
    public async Task<ImportResult?> LoadAsync(string folder, CancellationToken cancellationToken = default)
    {
        var key = "seeds:" + Fingerprint(folder);
        // Most starts find the seeds loaded: asking first spares reading and checking the files on the way to listening.
        var result = await store.WasImportedAsync(key, cancellationToken)
            ? null
            : await store.ImportAsync(SeedFiles.Read(folder), new ImportOptions { OnceKey = key }, cancellationToken);
        if (result is null)
            logger.LogInformation("Seeds {Key} were loaded before; nothing to do", key);
        else
            logger.LogInformation("Loaded seeds {Key}: {Created} created, {Updated} updated, {Unchanged} unchanged",
                key, result.Created, result.Updated, result.Unchanged);
        return result;
    }

    private static string Fingerprint(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in new[] { SeedFiles.Industries, SeedFiles.Skills, SeedFiles.Careers })
            hash.AppendData(File.ReadAllBytes(Path.Combine(folder, name)));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
