namespace Ledger.Access.Policy;

/// <summary>
/// The methods one role may call, as patterns: <c>eth_getBalance</c> (that method, and its sub-names such as
/// <c>eth_subscribe/newHeads</c> for <c>eth_subscribe</c>), <c>eth_*</c> (a prefix), <c>*</c> (everything), and
/// <c>!pattern</c> (take these out again; exclusions win). A method in <see cref="SensitiveMethods"/> is granted only by
/// its exact name, never by a prefix, a sub-name or <c>*</c>: a role that should vote with the node's key or see others'
/// pending payments has to say so in words.
/// </summary>
public sealed class MethodAllowlist
{
    /// <summary>Most patterns in one role: an allowlist is read by people; a huge one is a mistake.</summary>
    public const int MaxPatterns = 512;

    private const int MaxPatternLength = 128;

    private readonly string[] _includes;
    private readonly string[] _excludes;

    public MethodAllowlist(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var all = patterns.ToArray();
        if (all.Length > MaxPatterns)
        {
            throw new ArgumentException($"{all.Length} patterns; at most {MaxPatterns}");
        }

        foreach (var pattern in all)
        {
            var body = pattern.StartsWith('!') ? pattern[1..] : pattern;
            if (body.Length is 0 or > MaxPatternLength || body.AsSpan().IndexOfAny(" \t\r\n\"") >= 0 || body.IndexOf('*', StringComparison.Ordinal) is >= 0 and var star && star != body.Length - 1)
            {
                throw new ArgumentException($"'{pattern}' is not a method pattern (a name, a prefix ending in '*', or either after '!')");
            }
        }

        Patterns = all;
        _includes = [.. all.Where(p => !p.StartsWith('!'))];
        _excludes = [.. all.Where(p => p.StartsWith('!')).Select(p => p[1..])];
    }

    public IReadOnlyList<string> Patterns { get; }

    /// <summary>True when <paramref name="method"/> is granted by an include and not taken out by an exclusion.</summary>
    public bool Allows(string method)
    {
        var sensitive = SensitiveMethods.Contains(method);
        var granted = false;
        foreach (var pattern in _includes)
        {
            if (Matches(pattern, method, sensitive))
            {
                granted = true;
                break;
            }
        }

        if (!granted)
        {
            return false;
        }

        foreach (var pattern in _excludes)
        {
            // An exclusion needs no exact name to apply: taking rights away is always safe.
            if (Matches(pattern, method, exactOnly: false))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Matches(string pattern, string method, bool exactOnly)
    {
        if (string.Equals(pattern, method, StringComparison.Ordinal))
        {
            return true;
        }

        if (exactOnly)
        {
            return false;
        }

        if (pattern.EndsWith('*'))
        {
            return method.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal);
        }

        // "eth_subscribe" covers "eth_subscribe/newHeads".
        return method.Length > pattern.Length && method[pattern.Length] == '/' && method.StartsWith(pattern, StringComparison.Ordinal);
    }
}
