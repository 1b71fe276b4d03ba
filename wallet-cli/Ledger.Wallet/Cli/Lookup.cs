using System.CommandLine;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Wallet.Keys;

namespace Ledger.Wallet.Cli;

/// <summary>Turning what the user typed (account name, address, token symbol) into what the node knows.</summary>
internal static class Lookup
{
    public static Option<string> AccountOption(bool required) => new("--account", "-a")
    {
        Description = "The wallet account (its name).",
        Required = required,
    };

    /// <summary>A 0x address; mixed case must carry a valid EIP-55 checksum (a typo is caught, not paid).</summary>
    public static Address ParseAddress(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Address.TryParse(text, out var address))
        {
            throw WalletException.Usage(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? $"{what} '{text}' is not an address (0x followed by 40 hex digits)"
                : $"{what} '{text}' is not an address (0x followed by 40 hex digits)");
        }

        var digits = text[2..];
        var mixedCase = digits.Any(char.IsUpper) && digits.Any(char.IsLower);
        if (mixedCase && !Address.IsValidChecksum(text))
        {
            throw WalletException.Usage($"{what} '{text}' has a wrong EIP-55 checksum (a mistyped letter?); check the address");
        }

        return address;
    }

    /// <summary>The address of <c>--account NAME</c> or <c>--address 0x…</c> (read-only commands take either).</summary>
    public static (string Label, Address Address) AccountOrAddress(WalletSession session, string? name, string? address)
    {
        if ((name is null) == (address is null))
        {
            throw WalletException.Usage("give --account NAME (or --address 0x… to look at any account)");
        }

        if (name is not null)
        {
            var account = session.Store.Get(name);
            return (account.Name, account.Address);
        }

        var parsed = ParseAddress(address!, "--address");
        return (parsed.ToChecksumString(), parsed);
    }

    public static StoredAccount Account(WalletSession session, string name) => session.Store.Get(name);

    /// <summary>
    /// A payee: an on-chain alias such as <c>anna@bank-a</c> (resolved by the Directory module, so it is always the
    /// holder now), else a 0x address or a local contact.
    /// </summary>
    public static async Task<Address> RecipientAsync(WalletSession session, string text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return Party(session, text, "recipient");
        }

        var directory = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Directory, ct).ConfigureAwait(false);
        var response = await session.Client.ViewAsync(null, directory, new Core.Encoding.AbiWriter(1).WriteString(text).ToCallData("resolve(string)"), ct).ConfigureAwait(false);
        return response.Success
            ? new Core.Encoding.AbiReader(response.Output.Span, "resolve").ReadAddress("account")
            : throw WalletException.Usage($"cannot pay '{text}': {RevertReasons.Explain(response.RevertReason)}");
    }

    /// <summary>
    /// Someone to name in a command: a 0x address, a contact, or an account of this wallet (in that order), so an
    /// operator can write <c>--customer shop</c> as well as the address. <paramref name="what"/> names the option.
    /// </summary>
    public static Address Party(WalletSession session, string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ParseAddress(text, what);
        }

        if (new Contacts.ContactBook(session.Store.Directory).Load().TryGetValue(text, out var contact))
        {
            return contact;
        }

        return session.Store.List().FirstOrDefault(a => string.Equals(a.Name, text, StringComparison.OrdinalIgnoreCase)) is { } account
            ? account.Address
            : throw WalletException.Usage($"{what} '{text}' is neither a 0x address, a contact nor an account of this wallet");
    }

    /// <summary>The token by symbol (case-insensitive) or address; a usage error listing the node's tokens otherwise.</summary>
    public static Token Token(IReadOnlyList<Token> tokens, string text)
    {
        foreach (var token in tokens)
        {
            if (string.Equals(token.Symbol, text, StringComparison.OrdinalIgnoreCase)
                || (Address.TryParse(text, out var address) && Address.TryParse(token.Address, out var tokenAddress) && address == tokenAddress))
            {
                return token;
            }
        }

        throw WalletException.Usage($"unknown token '{text}'; this node has {string.Join(", ", tokens.Select(t => t.Symbol))}");
    }
}
