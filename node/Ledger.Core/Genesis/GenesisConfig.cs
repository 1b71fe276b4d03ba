using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

/// <summary>
/// The chain's genesis: consortium, validators, tokens, module addresses, initial identities and balances, and
/// consensus parameters. Immutable; obtain one from <see cref="GenesisLoader"/>, which validates it.
/// </summary>
public sealed record GenesisConfig
{
    public required ulong ChainId { get; init; }

    public required string Name { get; init; }

    /// <summary>Timestamp of the genesis block, milliseconds since the Unix epoch (fixed, so every node agrees).</summary>
    public required ulong TimestampMs { get; init; }

    public required IReadOnlyList<BankConfig> Banks { get; init; }

    /// <summary>Validators in proposer order (the validator-set hash covers their addresses in this order).</summary>
    public required IReadOnlyList<ValidatorConfig> Validators { get; init; }

    /// <summary>Member nodes admitted to the peer network from genesis (optional; votes extend or revoke the list).</summary>
    public IReadOnlyList<MemberConfig> Members { get; init; } = [];

    public required IReadOnlyList<TokenConfig> Tokens { get; init; }

    /// <summary>System modules by name (e.g. "IdentityRegistry") → fixed address, in file order.</summary>
    public required IReadOnlyDictionary<string, Address> Modules { get; init; }

    public required IReadOnlyList<IdentityConfig> Identities { get; init; }

    public required IReadOnlyList<AllocationConfig> Allocations { get; init; }

    public ConsensusConfig Consensus { get; init; } = new();

    /// <summary>Regulator, compliance officers and corridors for the Compliance module (optional; default empty).</summary>
    public ComplianceConfig Compliance { get; init; } = new();

    /// <summary>Validator addresses in genesis order.</summary>
    public IReadOnlyList<Address> ValidatorAddresses() => Validators.Select(v => v.Address).ToArray();

    public BankConfig? FindBank(string id) => Banks.FirstOrDefault(b => b.Id == id);

    public TokenConfig? FindToken(string symbol) => Tokens.FirstOrDefault(t => t.Symbol == symbol);

    /// <summary>
    /// The same chain with only validator <paramref name="index"/> (for a one-node dev chain). Note the validator-set
    /// hash, and so the genesis hash, differ from the full consortium's.
    /// </summary>
    public GenesisConfig WithSingleValidator(int index)
    {
        if ((uint)index >= (uint)Validators.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"genesis has {Validators.Count} validators (0–{Validators.Count - 1})");
        }

        return this with { Validators = [Validators[index]] };
    }

    /// <summary>The genesis as indented camelCase JSON with EIP-55 addresses; <see cref="GenesisLoader.Load"/> reads it back.</summary>
    public string ToJson() => GenesisWriter.Write(this);
}
