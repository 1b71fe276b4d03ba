using System.Text.RegularExpressions;

namespace Ledger.Wallet.Cli;

/// <summary>
/// Turns a module's revert reason into a sentence for the person at the wallet. The modules already speak plainly
/// but from the token's side ("receiver 0x… is frozen by Bank B (bank-b): compliance"); the wallet says whose
/// account it is and keeps the bank's name and the reason: "the beneficiary's account 0x… is frozen by Bank B
/// (compliance)". Reasons it does not recognise pass through unchanged, so nothing is ever hidden.
/// </summary>
internal static partial class RevertReasons
{
    public static string Explain(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "the transaction was reverted without a reason";
        }

        var text = reason.Trim();
        var frozen = FrozenPattern().Match(text);
        if (frozen.Success)
        {
            return $"{Whose(frozen.Groups["role"].Value)} {frozen.Groups["account"].Value} is frozen by {frozen.Groups["by"].Value} ({frozen.Groups["why"].Value})";
        }

        var role = RolePattern().Match(text);
        return role.Success ? $"{Whose(role.Groups["role"].Value)} {role.Groups["rest"].Value}" : text;
    }

    private static string Whose(string role) => role == "receiver" ? "the beneficiary's account" : "the sender's account";

    [GeneratedRegex(@"^(?<role>receiver|sender) (?<account>0x[0-9a-fA-F]{40}) is frozen by (?<by>.+?)(?: \([a-z0-9-]+\))?: (?<why>.+)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex FrozenPattern();

    [GeneratedRegex(@"^(?<role>receiver|sender) (?<rest>0x[0-9a-fA-F]{40} .+)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex RolePattern();
}
