using System.Text.RegularExpressions;

namespace Ledger.Core.Genesis;

/// <summary>The syntactic rules of genesis values, shared by the parser, the validator and the docs.</summary>
public static partial class GenesisRules
{
    public const int MaxDecimals = 18;
    public const int MaxKycLevel = 3;

    /// <summary>Member nodes on the allowlist at most (genesis and votes alike): bounds the stored list and each handshake check.</summary>
    public const int MaxMembers = 256;

    /// <summary>Largest chain id JavaScript clients (ethers, MetaMask) can hold exactly: 2^53 − 1.</summary>
    public const ulong MaxChainId = 9_007_199_254_740_991;

    /// <summary>"bank-a": lowercase letters and digits, '-' inside, 1–32 characters.</summary>
    public static bool IsBankId(string value) => BankIdPattern().IsMatch(value);

    /// <summary>1–11 characters A–Z or 0–9 (the ERC-20 convention for symbols, as MetaMask limits them).</summary>
    public static bool IsTokenSymbol(string value) => SymbolPattern().IsMatch(value);

    /// <summary>ISO 4217 shape: three uppercase letters.</summary>
    public static bool IsCurrencyCode(string value) => CurrencyPattern().IsMatch(value);

    /// <summary>ISO 3166-1 alpha-2 shape: two uppercase letters.</summary>
    public static bool IsJurisdiction(string value) => JurisdictionPattern().IsMatch(value);

    /// <summary>A module name: a letter, then letters or digits ("IdentityRegistry").</summary>
    public static bool IsModuleName(string value) => ModuleNamePattern().IsMatch(value);

    /// <summary>Decimal digits without sign, fraction, exponent or leading zero, and not zero.</summary>
    public static bool IsPositiveInteger(string value) => PositiveIntegerPattern().IsMatch(value);

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?\z")]
    private static partial Regex BankIdPattern();

    [GeneratedRegex(@"^[A-Z0-9]{1,11}\z")]
    private static partial Regex SymbolPattern();

    [GeneratedRegex(@"^[A-Z]{3}\z")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex(@"^[A-Z]{2}\z")]
    private static partial Regex JurisdictionPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]{0,63}\z")]
    private static partial Regex ModuleNamePattern();

    [GeneratedRegex(@"^[1-9][0-9]{0,99}\z")]
    private static partial Regex PositiveIntegerPattern();
}
