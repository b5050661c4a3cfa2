using System.IO.Hashing;
using System.Security.Cryptography;
using CareerGraph.Interchange.Seeding;
using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Api.Hosting;

/// <summary>
/// Loads the curated seeds into the store. Each version of the seed files (by content hash) is loaded
/// once, in one transaction, so restarts do not undo curators' later changes and a failed load leaves nothing.
/// </summary>
internal sealed class Seeder(ICareerGraphStore store, ILogger<Seeder> logger)
{
    private static readonly string[] Versioned = [SeedFiles.Industries, SeedFiles.Skills, SeedFiles.Careers];

    public async Task<ImportResult?> LoadAsync(string folder, CancellationToken cancellationToken = default)
    {
        var files = Versioned.Select(name => File.ReadAllBytes(Path.Combine(folder, name))).ToArray();
        var key = KeyOf(files);
        // Most starts find the seeds loaded: asking first spares parsing and checking the files on the way to listening.
        ImportResult? result = null;
        if (!await store.WasImportedAsync(key, cancellationToken))
        {
            var former = FormerKeyOf(files);
            if (await store.WasImportedAsync(former, cancellationToken))
            {
                // Seeded by an earlier version: only the key is recorded (nothing else is written), so later starts find it at once.
                await store.ImportAsync(GraphDocument.Empty, new ImportOptions { OnceKey = key }, cancellationToken);
            }
            else
            {
                result = await store.ImportAsync(SeedFiles.Read(folder), new ImportOptions { OnceKey = key }, cancellationToken);
                // And under the former key, so that an earlier version started on this store does not load them again either.
                await store.ImportAsync(GraphDocument.Empty, new ImportOptions { OnceKey = former }, cancellationToken);
            }
        }
        if (result is null)
            logger.LogInformation("Seeds {Key} were loaded before; nothing to do", key);
        else
            logger.LogInformation("Loaded seeds {Key}: {Created} created, {Updated} updated, {Unchanged} unchanged",
                key, result.Created, result.Updated, result.Unchanged);
        return result;
    }

    /// <summary>
    /// The version the seeds are recorded under: a non-cryptographic hash (XxHash128), since its first use costs nothing,
    /// whereas SHA-256's loads OpenSSL on the start's way to its first answer (11–18 ms; docs/performance.md).
    /// </summary>
    public static string KeyOf(IEnumerable<byte[]> files)
    {
        var hash = new XxHash128();
        foreach (var file in files) hash.Append(file);
        return "seeds:" + Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>
    /// The key stores seeded by earlier versions hold (the first 16 hex digits of the files' SHA-256), still honoured so
    /// that their seeds are not loaded again over curators' changes. Asked only when the current key is not there; recorded
    /// beside it when the seeds are loaded afresh, for an earlier version started on the same store.
    /// </summary>
    public static string FormerKeyOf(IEnumerable<byte[]> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files) hash.AppendData(file);
        return "seeds:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
