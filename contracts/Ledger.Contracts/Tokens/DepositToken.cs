using Ledger.Contracts.Identity;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Tokens;

/// <summary>
/// A tokenized bank deposit: one ERC-20 per (bank, currency), e.g. USDA = US dollars at Bank A. Only the
/// issuing bank's operator mints (customer deposits) and burns (redemptions); only accounts verified in the
/// <see cref="IdentityRegistry"/> send or receive. All arithmetic is checked: an amount that would overflow
/// reverts, it never wraps. Invariant: sum of balances = totalSupply = totalMinted − totalBurned.
/// </summary>
public sealed partial class DepositToken : ModuleBase
{
    public const string NamePrefix = "DepositToken:";

    // Storage layout: one-byte tags, then addresses (see ModuleStorage).
    private const byte BalanceTag = 0x01;
    private const byte AllowanceTag = 0x02;
    private const byte TotalSupplyTag = 0x03;
    private const byte MintedTag = 0x04;
    private const byte BurnedTag = 0x05;

    private readonly Address _registry;
    private readonly IReadOnlyList<KeyValuePair<Address, UInt256>> _genesisBalances;

    public DepositToken(
        TokenConfig token,
        BankConfig issuer,
        Address identityRegistry,
        IReadOnlyList<KeyValuePair<Address, UInt256>> genesisBalances)
        : base(NamePrefix + token.Symbol, token.Address, "DepositToken.json")
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(genesisBalances);
        TokenName = token.Name;
        Symbol = token.Symbol;
        Currency = token.Currency;
        Decimals = token.Decimals;
        Issuer = issuer;
        _registry = identityRegistry;
        _genesisBalances = genesisBalances;

        Register("name()", 1_000, (_, ref _) => AbiWriter.EncodeString(TokenName), view: true);
        Register("symbol()", 1_000, (_, ref _) => AbiWriter.EncodeString(Symbol), view: true);
        Register("decimals()", 1_000, (_, ref _) => new AbiWriter(1).WriteUInt8(Decimals).ToArray(), view: true);
        Register("currency()", 1_000, (_, ref _) => AbiWriter.EncodeString(Currency), view: true);
        Register("issuer()", 1_000, (_, ref _) => AbiWriter.EncodeAddress(Issuer.Operator), view: true);
        Register("totalSupply()", 2_100, (c, ref _) => AbiWriter.EncodeUInt256(c.GetUInt256(TotalSupplyTag)), view: true);
        Register("totalMinted()", 2_100, (c, ref _) => AbiWriter.EncodeUInt256(c.GetUInt256(MintedTag)), view: true);
        Register("totalBurned()", 2_100, (c, ref _) => AbiWriter.EncodeUInt256(c.GetUInt256(BurnedTag)), view: true);
        Register("balanceOf(address)", 2_600, BalanceOf, view: true);
        Register("allowance(address,address)", 2_600, Allowance, view: true);
        Register("transfer(address,uint256)", 30_000, Transfer);
        Register("approve(address,uint256)", 25_000, Approve);
        Register("transferFrom(address,address,uint256)", 35_000, TransferFrom);
        Register("mint(address,uint256)", 35_000, Mint);
        Register("burn(address,uint256)", 30_000, Burn);
        DeclareEvent(Erc20Events.Transfer);
        DeclareEvent(Erc20Events.Approval);
    }

    /// <summary>The ERC-20 <c>name()</c>, e.g. "Bank A US Dollar Deposit".</summary>
    public string TokenName { get; }

    public string Symbol { get; }

    /// <summary>The fiat currency this token is a deposit of (ISO 4217, e.g. "USD").</summary>
    public string Currency { get; }

    public byte Decimals { get; }

    public BankConfig Issuer { get; }

    /// <summary>Credits the genesis balances and sets totalSupply and totalMinted to their sum.</summary>
    public override void InitializeGenesis(IModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var supply = UInt256.Zero;
        foreach (var (account, amount) in _genesisBalances)
        {
            if (!UInt256.TryAdd(supply, amount, out supply))
            {
                throw new InvalidOperationException($"genesis allocations of {Symbol} overflow uint256");
            }

            context.SetUInt256(BalanceTag, account, context.GetUInt256(BalanceTag, account) + amount);
        }

        context.SetUInt256(TotalSupplyTag, supply);
        context.SetUInt256(MintedTag, supply);
    }

    private byte[] BalanceOf(IModuleContext context, ref AbiReader args) =>
        AbiWriter.EncodeUInt256(context.GetUInt256(BalanceTag, args.ReadAddress("account")));

    private byte[] Allowance(IModuleContext context, ref AbiReader args)
    {
        var owner = args.ReadAddress("owner");
        var spender = args.ReadAddress("spender");
        return AbiWriter.EncodeUInt256(context.GetUInt256(AllowanceTag, owner, spender));
    }

    private string Format(UInt256 amount) => TokenAmount.Format(amount, Decimals, Symbol);

    private string IssuerDescription => $"{Issuer.Name} ({Issuer.Operator.ToChecksumString()})";

    /// <summary>Asks the identity registry whether <paramref name="account"/> may hold this token now.</summary>
    private bool IsVerified(IModuleContext context, Address account)
    {
        Span<byte> call = stackalloc byte[AbiSelector.Length + 32];
        IdentityRegistry.WriteIsVerifiedCall(call, account);
        var result = context.CallModule(_registry, call);
        if (!result.Success)
        {
            throw Revert($"identity check of {account.ToChecksumString()} failed: {result.RevertReason}");
        }

        return new AbiReader(result.Output, IdentityRegistry.IsVerifiedSignature).ReadBool("verified");
    }

    private void RequireVerified(IModuleContext context, Address account, string role)
    {
        if (!IsVerified(context, account))
        {
            throw Revert($"{role} {account.ToChecksumString()} is not a registered (KYC-verified) account");
        }
    }

    private void RequireIssuer(IModuleContext context, string action)
    {
        if (context.Caller != Issuer.Operator)
        {
            throw Revert($"only the issuer {IssuerDescription} may {action} {Symbol}; the caller is {context.Caller.ToChecksumString()}");
        }
    }
}
