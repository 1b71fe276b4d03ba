using System.Text.Json;

namespace Ledger.Core.Genesis;

/// <summary>
/// Reads and validates <c>genesis.json</c>. Every problem is reported as a <see cref="GenesisException"/> whose
/// message starts with the JSON path, e.g. <c>genesis.tokens[2].decimals: must be between 0 and 18</c>.
/// </summary>
public static class GenesisLoader
{
    /// <summary>Files larger than this are refused before parsing: a genesis is kilobytes, not megabytes.</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    public static GenesisConfig LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileBytes)
            {
                throw new GenesisException($"genesis file '{path}' is {info.Length} bytes; the limit is {MaxFileBytes}");
            }

            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GenesisException($"cannot read genesis file '{path}': {ex.Message}", ex);
        }

        try
        {
            return Load(json);
        }
        catch (GenesisException ex)
        {
            throw new GenesisException(ex.Errors.Select(e => $"{path}: {e}").ToArray(), ex);
        }
    }

    public static GenesisConfig Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new GenesisException(
                $"genesis: not valid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {ex.Message}", ex);
        }

        using (document)
        {
            var config = GenesisParser.Parse(document.RootElement);
            var errors = GenesisValidator.Validate(config);
            return errors.Count == 0 ? config : throw new GenesisException(errors);
        }
    }
}
