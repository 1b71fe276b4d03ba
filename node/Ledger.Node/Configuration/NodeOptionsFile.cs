using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Node.Configuration;

/// <summary>Reads <see cref="NodeOptions"/> from a JSON file: camelCase names, comments allowed, unknown names refused.</summary>
public static class NodeOptionsFile
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static NodeOptions Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigurationException($"cannot read config file '{path}': {ex.Message}", ex);
        }

        return Parse(json, path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>
    /// Parses and validates; relative file paths in the options (peer TLS and validator key files) are resolved against
    /// <paramref name="baseDirectory"/> (the config file's folder), or the working directory when null.
    /// </summary>
    public static NodeOptions Parse(string json, string source = "config", string? baseDirectory = null)
    {
        NodeOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<NodeOptions>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new NodeConfigurationException($"{source}: {ex.Message}", ex);
        }

        if (options is null)
        {
            throw new NodeConfigurationException($"{source}: expected a JSON object of node options, got null");
        }

        var folder = baseDirectory ?? Directory.GetCurrentDirectory();
        options = options with
        {
            PeerTls = options.PeerTls?.RelativeTo(folder),
            RpcTls = options.RpcTls?.RelativeTo(folder),
            ApiTls = options.ApiTls?.RelativeTo(folder),
            Auth = options.Auth?.RelativeTo(folder),
        };

        if (options.ValidatorKey is { } key)
        {
            options = options with { ValidatorKey = key.RelativeTo(baseDirectory ?? Directory.GetCurrentDirectory()) };
        }

        if (options.BackupDirectory is { Length: > 0 } backups)
        {
            options = options with { BackupDirectory = Path.GetFullPath(backups, baseDirectory ?? Directory.GetCurrentDirectory()) };
        }

        try
        {
            options.Validate();
        }
        catch (NodeConfigurationException ex)
        {
            throw new NodeConfigurationException($"{source}: {ex.Message}", ex);
        }

        return options;
    }
}
