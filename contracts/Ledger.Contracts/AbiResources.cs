using System.Collections.Concurrent;

namespace Ledger.Contracts;

/// <summary>
/// The ABI JSON files of contracts/abi, embedded in this assembly as "abi/&lt;file&gt;" so that a module serves
/// byte-for-byte the text clients find in the repository.
/// </summary>
public static class AbiResources
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The text of contracts/abi/<paramref name="fileName"/>, e.g. "DepositToken.json".</summary>
    public static string Load(string fileName) => Cache.GetOrAdd(fileName, static name =>
    {
        var resource = "abi/" + name;
        using var stream = typeof(AbiResources).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"ABI resource '{resource}' is not embedded; is contracts/abi/{name} missing?");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
