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

        return Parse(json, path);
    }

    public static NodeOptions Parse(string json, string source = "config")
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
