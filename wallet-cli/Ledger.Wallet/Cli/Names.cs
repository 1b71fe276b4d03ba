using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Wallet.Cli;

/// <summary>
/// What to call an address for the person reading: a contact ("carol"), an account of this wallet ("'bob' (your
/// account)"), an on-chain alias ("anna@bank-b"), a module or token of the node ("Settlement module"), else the address.
/// Confirmations, history and statements all name parties through this one lookup.
/// </summary>
internal sealed class Names
{
    /// <summary>Most alias lookups one command makes (one view call each).</summary>
    private const int MaxAliasLookups = 24;

    private readonly Dictionary<Address, string> _names = [];

    private Names()
    {
    }

    /// <summary>Contacts and wallet accounts (local); with <paramref name="node"/>, also the node's modules and tokens.</summary>
    public static async Task<Names> LoadAsync(WalletSession session, bool node, CancellationToken ct)
    {
        var names = new Names();
        if (node)
        {
            foreach (var module in await session.Client.GetModulesAsync(ct).ConfigureAwait(false))
            {
                names._names[Address.Parse(module.Address)] = module.Name.StartsWith("DepositToken:", StringComparison.Ordinal)
                    ? $"{module.Name["DepositToken:".Length..]} token"
                    : $"{module.Name} module";
            }
        }

        foreach (var account in session.Store.List())
        {
            names._names[account.Address] = $"'{account.Name}' (your account)";
        }

        foreach (var (name, address) in new Contacts.ContactBook(session.Store.Directory).Load())
        {
            names._names[address] = name;
        }

        return names;
    }

    /// <summary>Looks up the on-chain aliases of addresses that have no local name yet (a few at most; none without a Directory module).</summary>
    public async Task AddAliasesAsync(WalletSession session, IEnumerable<Address> addresses, CancellationToken ct)
    {
        var unnamed = addresses.Where(a => !a.IsZero && !_names.ContainsKey(a)).Distinct().Take(MaxAliasLookups).ToList();
        if (unnamed.Count == 0)
        {
            return;
        }

        var directory = (await session.Client.GetModulesAsync(ct).ConfigureAwait(false)).FirstOrDefault(m => m.Name == ModuleCalls.Directory);
        if (directory is null)
        {
            return;
        }

        foreach (var address in unnamed)
        {
            var response = await session.Client.ViewAsync(null, Address.Parse(directory.Address), new AbiWriter(1).WriteAddress(address).ToCallData("aliasOf(address)"), ct).ConfigureAwait(false);
            if (response.Success && new AbiReader(response.Output.Span, "aliasOf").ReadString("alias") is { Length: > 0 } alias)
            {
                _names[address] = alias;
            }
        }
    }

    /// <summary>The name of <paramref name="address"/>, or null.</summary>
    public string? NameOf(Address address) => _names.GetValueOrDefault(address);

    /// <summary>The name, else the checksummed address.</summary>
    public string Label(Address address) => NameOf(address) ?? address.ToChecksumString();

    /// <summary>"carol 0x90F7…" with the name, else just the address: for confirmations, where the address must show too.</summary>
    public string Describe(Address address) => NameOf(address) is { } name ? $"{name} {address.ToChecksumString()}" : address.ToChecksumString();
}
