using Ledger.Core.Genesis;
using Ledger.Core.Primitives;

namespace Ledger.Contracts;

/// <summary>
/// What every module knows of the chain from genesis, fixed for its lifetime: the banks (by index, which is how
/// identity records and roles name a bank in storage), the deposit tokens, and the addresses of the registry
/// and compliance modules whose storage the token reads on every transfer.
/// </summary>
public sealed class Consortium
{
    /// <summary>Banks are named by a one-byte index in storage.</summary>
    public const int MaxBanks = 255;

    private readonly Dictionary<string, int> _bankIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<Address, TokenInfo> _tokens = [];
    private readonly HashSet<Address> _custodians;
    private readonly UInt256[] _mintThresholds;

    public Consortium(
        IReadOnlyList<BankConfig> banks, IReadOnlyList<TokenConfig> tokens, Address registry, Address compliance, IReadOnlyCollection<Address>? custodians = null,
        FourEyesConfig? fourEyes = null)
    {
        ArgumentNullException.ThrowIfNull(banks);
        ArgumentNullException.ThrowIfNull(tokens);
        if (banks.Count > MaxBanks)
        {
            throw new GenesisException($"banks: {banks.Count} banks, but a chain supports at most {MaxBanks}");
        }

        Banks = banks;
        for (var i = 0; i < banks.Count; i++)
        {
            _bankIndex[banks[i].Id] = i;
        }

        var list = new List<TokenInfo>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!_bankIndex.TryGetValue(token.Issuer, out var bank))
            {
                throw new GenesisException($"tokens[{i}].issuer: '{token.Issuer}' is not the id of a bank in banks");
            }

            var info = new TokenInfo(token.Address, token.Symbol, token.Decimals, bank);
            list.Add(info);
            _tokens[token.Address] = info;
        }

        Tokens = list;
        Registry = registry;
        Compliance = compliance;
        _custodians = custodians is null ? [] : [.. custodians];
        FourEyes = fourEyes ?? new FourEyesConfig();
        _mintThresholds = list.Select(t => FourEyes.MintThresholdOf(t.Symbol, t.Decimals)).ToArray();
    }

    /// <summary>The maker–checker rules (request lifetime, recovery delay, mint thresholds) from genesis.</summary>
    public FourEyesConfig FourEyes { get; }

    /// <summary>The largest mint of <paramref name="token"/> (base units) one issuer makes without a second officer.</summary>
    public UInt256 MintThreshold(TokenInfo token)
    {
        ArgumentNullException.ThrowIfNull(token);
        for (var i = 0; i < Tokens.Count; i++)
        {
            if (Tokens[i].Address == token.Address)
            {
                return _mintThresholds[i];
            }
        }

        throw new ArgumentException($"token {token.Symbol} is not in the consortium", nameof(token));
    }

    public IReadOnlyList<BankConfig> Banks { get; }

    public IReadOnlyList<TokenInfo> Tokens { get; }

    /// <summary>Address of the IdentityRegistry module.</summary>
    public Address Registry { get; }

    /// <summary>Address of the Compliance module (roles, freezes, limits, corridors).</summary>
    public Address Compliance { get; }

    /// <summary>A majority of banks: more than half of them (3 of 4, 2 of 2, 1 of 1).</summary>
    public int Majority => (Banks.Count / 2) + 1;

    /// <summary>The index of bank <paramref name="id"/>, or −1.</summary>
    public int BankIndex(string id) => _bankIndex.TryGetValue(id, out var index) ? index : -1;

    public TokenInfo? FindToken(Address address) => _tokens.GetValueOrDefault(address);

    /// <summary>
    /// True for the system modules that hold tokens in custody (Settlement's escrows and HTLCs) and move the
    /// transaction signer's own tokens when the signer calls them (no ERC-20 approve first). They are native code
    /// fixed at genesis, never user-deployed; how the transfer rules treat them is in TransferPolicy.Custody.cs.
    /// </summary>
    public bool IsCustodian(Address address) => _custodians.Count > 0 && _custodians.Contains(address);

    public bool HasCustodians => _custodians.Count > 0;

    /// <summary>"Bank A (bank-a)" for messages; an index outside the list (corrupted state) prints as such.</summary>
    public string DescribeBank(int index) =>
        (uint)index < (uint)Banks.Count ? $"{Banks[index].Name} ({Banks[index].Id})" : $"bank #{index}";
}
