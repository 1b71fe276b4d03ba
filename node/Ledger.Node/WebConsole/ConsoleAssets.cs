using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Ledger.Node.WebConsole;

/// <summary>
/// The web console's files (HTML, CSS, JavaScript modules), embedded in the node assembly under the logical name
/// <c>console/&lt;path&gt;</c> so that every node serves the same console with no files on disk, offline, and a
/// console can never be older or newer than the node that serves it. Loaded once; immutable afterwards.
/// </summary>
public sealed class ConsoleAssets
{
    private const string Prefix = "console/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".json"] = "application/json",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, ConsoleAsset> _assets;

    private ConsoleAssets(FrozenDictionary<string, ConsoleAsset> assets) => _assets = assets;

    /// <summary>The assets embedded in the node assembly.</summary>
    public static ConsoleAssets Embedded { get; } = Load(typeof(ConsoleAssets).Assembly);

    /// <summary>Every served path (relative to /console/), for tests and diagnostics.</summary>
    public IEnumerable<string> Paths => _assets.Keys;

    /// <summary>Reads every <c>console/…</c> resource of <paramref name="assembly"/>; a file of an unknown type is a build mistake.</summary>
    public static ConsoleAssets Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var path = name[Prefix.Length..].Replace('\\', '/');
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(path))
                ?? throw new InvalidOperationException($"console asset '{path}' has no known content type");
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            // A strong validator from the content itself: a node upgrade that changes a file changes its ETag.
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12))}\"";
            assets[path] = new ConsoleAsset(bytes, type, etag);
        }

        return new ConsoleAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The asset at <paramref name="path"/> (relative, <c>/</c>-separated); null when there is none.</summary>
    public ConsoleAsset? Find(string path) => _assets.GetValueOrDefault(path);
}
