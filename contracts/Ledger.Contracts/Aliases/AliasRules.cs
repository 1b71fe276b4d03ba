namespace Ledger.Contracts.Aliases;

/// <summary>
/// The form of an alias: <c>name@bank-id</c>, name 2–32 characters of a–z, 0–9, '.', '_' and '-', starting with
/// a letter or digit. Lowercase only, so that two aliases that look the same to a person are the same alias.
/// </summary>
public static class AliasRules
{
    public const int MinNameLength = 2;
    public const int MaxNameLength = 32;

    /// <summary>Splits <paramref name="alias"/> into name and bank id, or returns why it is not an alias.</summary>
    public static string? Check(string alias, out string name, out string bankId)
    {
        ArgumentNullException.ThrowIfNull(alias);
        name = "";
        bankId = "";
        var at = alias.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || at != alias.LastIndexOf('@'))
        {
            return $"alias \"{alias}\" must have the form name@bank-id (one '@'), e.g. \"anna@bank-a\"";
        }

        name = alias[..at];
        bankId = alias[(at + 1)..];
        if (alias.Any(char.IsUpper))
        {
            return $"aliases are lowercase: use \"{alias.ToLowerInvariant()}\" instead of \"{alias}\"";
        }

        if (name.Length is < MinNameLength or > MaxNameLength)
        {
            return $"the name part \"{name}\" of alias \"{alias}\" is {name.Length} characters; it must have {MinNameLength} to {MaxNameLength}";
        }

        if (!IsLetterOrDigit(name[0]))
        {
            return $"the name part \"{name}\" of alias \"{alias}\" must start with a letter or digit";
        }

        foreach (var c in name)
        {
            if (!IsLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return $"the name part \"{name}\" of alias \"{alias}\" contains '{c}'; allowed are a-z, 0-9, '.', '_' and '-'";
            }
        }

        return null;
    }

    private static bool IsLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
