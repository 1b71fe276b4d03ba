using Ledger.Contracts.Compliance;
using Ledger.Contracts.Identity;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Tokens;

/// <summary>
/// A tokenized bank deposit: one ERC-20 per (bank, currency), e.g. USDA = US dollars at Bank A, with the
/// ERC-3643-style controls a bank needs: issuance and redemption against unique references, pause, partial
/// freezes, forced transfers, account recovery, batches, guardian (second-factor) approval of large transfers
/// and a paged audit view. Every movement by a holder passes the consortium's <see cref="TransferPolicy"/>.
/// All arithmetic is checked: an amount that would overflow reverts, it never wraps.
/// Invariant: sum of balances (the token's own address holds transfers awaiting their guardian)
/// = totalSupply = totalMinted − totalBurned − totalRedeemed.
/// </summary>
public sealed partial class DepositToken : ModuleBase
{
    public const string NamePrefix = "DepositToken:";

    /// <summary>Most items in one batchTransfer or batchMint (a payroll run larger than this is split).</summary>
    public const int MaxBatch = 500;

    /// <summary>Most entries one balancesOf page returns.</summary>
    public const int MaxPage = 1_000;

    /// <summary>How long a held transfer waits for its guardian before it can only be returned.</summary>
    public const ulong HoldSeconds = 86_400;

    private readonly TransferPolicy _policy;
    private readonly Consortium _consortium;
    private readonly TokenInfo _info;
    private readonly IReadOnlyList<KeyValuePair<Address, UInt256>> _genesisBalances;

    public DepositToken(TokenConfig token, BankConfig issuer, TransferPolicy policy, IReadOnlyList<KeyValuePair<Address, UInt256>> genesisBalances)
        : base(NamePrefix + token.Symbol, token.Address, "DepositToken.json")
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(genesisBalances);
        TokenName = token.Name;
        Symbol = token.Symbol;
        Currency = token.Currency;
        Decimals = token.Decimals;
        Issuer = issuer;
        _policy = policy;
        _consortium = policy.Consortium;
        _info = _consortium.FindToken(token.Address) ?? throw new ArgumentException($"token {token.Symbol} is not in the consortium's token list", nameof(policy));
        _genesisBalances = genesisBalances;
        RegisterErc20();
        RegisterIssuance();
        RegisterControls();
    }

    /// <summary>The ERC-20 <c>name()</c>, e.g. "Bank A US Dollar Deposit".</summary>
    public string TokenName { get; }

    public string Symbol { get; }

    /// <summary>The fiat currency this token is a deposit of (ISO 4217, e.g. "USD").</summary>
    public string Currency { get; }

    public byte Decimals { get; }

    /// <summary>The issuing bank (its operator and the keys it grants the issuer role mint and burn).</summary>
    public BankConfig Issuer { get; }

    /// <summary>Each account's genesis balance (base units), in genesis order: the opening balances of account records.</summary>
    public IReadOnlyList<KeyValuePair<Address, UInt256>> GenesisBalances => _genesisBalances;

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

            var balance = context.GetUInt256(TokenStorage.BalanceTag, account);
            Credit(context, account, balance, amount);
        }

        context.SetUInt256(TokenStorage.TotalSupplyTag, supply);
        context.SetUInt256(TokenStorage.MintedTag, supply);
    }

    private void RegisterErc20()
    {
        Register("name()", 1_000, (_, ref _) => AbiWriter.EncodeString(TokenName), view: true);
        Register("symbol()", 1_000, (_, ref _) => AbiWriter.EncodeString(Symbol), view: true);
        Register("decimals()", 1_000, (_, ref _) => new AbiWriter(1).WriteUInt8(Decimals).ToArray(), view: true);
        Register("currency()", 1_000, (_, ref _) => AbiWriter.EncodeString(Currency), view: true);
        Register("issuer()", 2_100, (c, ref _) => AbiWriter.EncodeAddress(ComplianceStorage.Operator(c, _consortium.Compliance, _info.BankIndex)), view: true);
        Register("totalSupply()", 2_100, (c, ref _) => AbiWriter.EncodeUInt256(c.GetUInt256(TokenStorage.TotalSupplyTag)), view: true);
        Register("balanceOf(address)", 2_600, BalanceOf, view: true);
        Register("allowance(address,address)", 2_600, Allowance, view: true);
        Register("transfer(address,uint256)", 30_000, Transfer);
        Register("approve(address,uint256)", 25_000, Approve);
        Register("transferFrom(address,address,uint256)", 35_000, TransferFrom);
        RegisterRaw("batchTransfer(address[],uint256[])", 10_000, BatchTransfer);
        DeclareEvent(Erc20Events.Transfer);
        DeclareEvent(Erc20Events.Approval);
    }

    private byte[] BalanceOf(IModuleContext context, ref AbiReader args) =>
        AbiWriter.EncodeUInt256(context.GetUInt256(TokenStorage.BalanceTag, args.ReadAddress("account")));

    private byte[] Allowance(IModuleContext context, ref AbiReader args)
    {
        var owner = args.ReadAddress("owner");
        var spender = args.ReadAddress("spender");
        return AbiWriter.EncodeUInt256(context.GetUInt256(TokenStorage.AllowanceTag, owner, spender));
    }

    private string Format(UInt256 amount) => _info.Format(amount);

    /// <summary>Adds <paramref name="amount"/> to an account whose balance is <paramref name="balance"/>, listing it as a holder the first time.</summary>
    private static void Credit(IModuleContext context, Address account, UInt256 balance, UInt256 amount)
    {
        if (!UInt256.TryAdd(balance, amount, out var newBalance))
        {
            // Unreachable while the supply invariant holds (every balance ≤ totalSupply); kept as a guard.
            throw Revert($"balance of {account.ToChecksumString()} would overflow");
        }

        if (balance.IsZero && !amount.IsZero)
        {
            AddHolder(context, account);
        }

        context.SetUInt256(TokenStorage.BalanceTag, account, newBalance);
    }

    private void RequireIssuer(IModuleContext context, string action)
    {
        if (!ComplianceStorage.IsIssuer(context, _consortium.Compliance, _info, context.Caller))
        {
            throw Revert(
                $"only an issuer of {Symbol} (the operator of {_consortium.DescribeBank(_info.BankIndex)} or a key it granted the issuer role) " +
                $"may {action}; the caller is {context.Caller.ToChecksumString()}");
        }
    }

    /// <summary>The staff of <paramref name="account"/>'s own bank (its recovery powers), or an issuer of this token, or the regulator.</summary>
    private bool IsAuthorityOver(IModuleContext context, Address account)
    {
        var compliance = _consortium.Compliance;
        if (ComplianceStorage.IsIssuer(context, compliance, _info, context.Caller) || ComplianceStorage.IsRegulator(context, compliance, context.Caller))
        {
            return true;
        }

        var bank = IdentityStorage.BankOf(context, _consortium.Registry, account);
        return bank >= 0 && ComplianceStorage.IsBankStaff(context, compliance, context.Caller, bank);
    }

    private static void SetStatus(IModuleContext context, TokenStatus status) => context.SetStorage([TokenStorage.StatusTag], [(byte)status]);
}
