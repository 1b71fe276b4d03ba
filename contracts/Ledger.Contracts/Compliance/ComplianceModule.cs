using Ledger.Contracts.Identity;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Compliance;

/// <summary>
/// The consortium's rules and who may change them. Roles: bank operators (one key per bank, replaced only by a
/// majority of banks), compliance officers (granted by their bank's operator), issuers (per token, granted by
/// the issuing bank's operator) and the regulator (appointed by a majority of banks). Rules: whole-account
/// freezes, per-transaction/daily/maximum-balance limits per account or per jurisdiction, and the corridors
/// that allow cross-border transfers. <c>canTransfer</c> evaluates the same <see cref="TransferPolicy"/> that
/// every DepositToken transfer enforces. No role acts outside its bank, except that the regulator may freeze
/// and set limits everywhere.
/// </summary>
public sealed partial class ComplianceModule : ModuleBase
{
    public const string ModuleName = "Compliance";

    /// <summary>Longest freeze reason stored (it is repeated in every refused transfer's revert reason).</summary>
    public const int MaxReasonBytes = 256;

    private static readonly Hash32 BankOperatorRole = Keccak("BANK_OPERATOR");
    private static readonly Hash32 ComplianceOfficerRole = Keccak("COMPLIANCE_OFFICER");
    private static readonly Hash32 IssuerRole = Keccak("ISSUER");
    private static readonly Hash32 RegulatorRole = Keccak("REGULATOR");

    private readonly Consortium _consortium;
    private readonly TransferPolicy _policy;
    private readonly ComplianceConfig _genesis;
    private readonly EventDefinition _roleGranted;
    private readonly EventDefinition _roleRevoked;
    private readonly EventDefinition _proposalCreated;
    private readonly EventDefinition _proposalApproved;
    private readonly EventDefinition _proposalExecuted;
    private readonly EventDefinition _corridorChanged;
    private readonly EventDefinition _frozen;
    private readonly EventDefinition _unfrozen;
    private readonly EventDefinition _accountLimitsSet;
    private readonly EventDefinition _accountLimitsCleared;
    private readonly EventDefinition _jurisdictionLimitsSet;
    private readonly EventDefinition _stateRecovered;

    public ComplianceModule(TransferPolicy policy, ComplianceConfig genesis)
        : base(ModuleName, policy?.Consortium.Compliance ?? throw new ArgumentNullException(nameof(policy)), "Compliance.json")
    {
        ArgumentNullException.ThrowIfNull(genesis);
        _policy = policy;
        _consortium = policy.Consortium;
        _genesis = genesis;

        // Roles and governance.
        Register("regulator()", 2_100, (c, ref _) => AbiWriter.EncodeAddress(ComplianceStorage.Regulator(c, Address)), view: true);
        Register("bankOperator(string)", 2_600, BankOperator, view: true);
        Register("rolesOf(address)", 2_600, RolesOf, view: true);
        Register("isIssuer(address,address)", 2_600, IsIssuer, view: true);
        Register("grantComplianceOfficer(address)", 30_000, GrantComplianceOfficer);
        Register("revokeComplianceOfficer(address)", 25_000, RevokeComplianceOfficer);
        Register("grantIssuer(address,address)", 30_000, GrantIssuer);
        Register("revokeIssuer(address,address)", 25_000, RevokeIssuer);
        Register("majority()", 1_000, (_, ref _) => AbiWriter.EncodeUInt256((ulong)_consortium.Majority), view: true);
        Register("proposalCount()", 2_100, (c, ref _) => AbiWriter.EncodeUInt256(c.GetUInt256(ComplianceStorage.ProposalCountTag)), view: true);
        Register("proposalOf(uint256)", 2_600, ProposalOf, view: true);
        Register("proposeRegulator(address)", 40_000, ProposeRegulator);
        Register("proposeBankOperator(string,address)", 40_000, ProposeBankOperator);
        Register("proposeCorridor(string,string,bool)", 40_000, ProposeCorridor);
        Register("approveProposal(uint256)", 40_000, ApproveProposal);

        // Rules.
        Register("canTransfer(address,address,address,uint256)", 10_000, CanTransfer, view: true);
        Register("freezeAccount(address,string)", 30_000, FreezeAccount);
        Register("unfreezeAccount(address)", 25_000, UnfreezeAccount);
        Register("freezeOf(address)", 2_600, FreezeOf, view: true);
        Register("setAccountLimits(address,address,uint256,uint256,uint256)", 35_000, SetAccountLimits);
        Register("clearAccountLimits(address,address)", 25_000, ClearAccountLimits);
        Register("setJurisdictionLimits(address,string,uint256,uint256,uint256)", 35_000, SetJurisdictionLimits);
        Register("limitsOf(address,address)", 5_200, LimitsOf, view: true);
        Register("jurisdictionLimits(address,string)", 2_600, JurisdictionLimits, view: true);
        Register("dailySpent(address,address)", 2_600, DailySpent, view: true);
        Register("isCorridor(string,string)", 2_600, IsCorridor, view: true);
        Register("recoverAccountState(address,address)", 20_000, RecoverAccountState);
        RegisterRequests();

        _roleGranted = DeclareEvent("RoleGranted(bytes32,address,string,address)");
        _roleRevoked = DeclareEvent("RoleRevoked(bytes32,address,string,address)");
        _proposalCreated = DeclareEvent("ProposalCreated(uint256,uint8,address,string)");
        _proposalApproved = DeclareEvent("ProposalApproved(uint256,string,uint256)");
        _proposalExecuted = DeclareEvent("ProposalExecuted(uint256)");
        _corridorChanged = DeclareEvent("CorridorChanged(string,string,bool)");
        _frozen = DeclareEvent("AccountFrozen(address,address,string)");
        _unfrozen = DeclareEvent("AccountUnfrozen(address,address)");
        _accountLimitsSet = DeclareEvent("AccountLimitsSet(address,address,uint256,uint256,uint256)");
        _accountLimitsCleared = DeclareEvent("AccountLimitsCleared(address,address)");
        _jurisdictionLimitsSet = DeclareEvent("JurisdictionLimitsSet(address,string,uint256,uint256,uint256)");
        _stateRecovered = DeclareEvent("AccountStateRecovered(address,address)");
    }

    /// <summary>Writes the genesis roles: each bank's operator, the compliance officers, the regulator and the corridors.</summary>
    public override void InitializeGenesis(IModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (var bank = 0; bank < _consortium.Banks.Count; bank++)
        {
            var key = _consortium.Banks[bank].Operator;
            WriteStaff(context, key, StaffRoles.BankOperator, bank);
            context.SetStorage([ComplianceStorage.OperatorTag, (byte)bank], key.ToArray());
        }

        foreach (var officer in _genesis.ComplianceOfficers)
        {
            var bank = _consortium.BankIndex(officer.Bank);
            if (bank < 0 || ComplianceStorage.Staff(context, Address, officer.Address).Bank >= 0)
            {
                throw new InvalidOperationException($"genesis compliance officer {officer.Address} of '{officer.Bank}' is invalid or already holds a role");
            }

            WriteStaff(context, officer.Address, StaffRoles.ComplianceOfficer, bank);
        }

        if (_genesis.Regulator is { IsZero: false } regulator)
        {
            context.SetStorage([ComplianceStorage.RegulatorTag], regulator.ToArray());
        }

        Span<byte> key5 = stackalloc byte[5];
        foreach (var corridor in _genesis.Corridors)
        {
            ComplianceStorage.WriteCorridorKey(key5, Ascii(corridor.JurisdictionA), Ascii(corridor.JurisdictionB));
            context.SetStorage(key5, [1]);
        }
    }

    private byte[] CanTransfer(IModuleContext context, ref AbiReader args)
    {
        var tokenAddress = args.ReadAddress("token");
        var from = args.ReadAddress("from");
        var to = args.ReadAddress("to");
        var amount = args.ReadUInt256("amount");
        var token = Token(tokenAddress);
        var verdict = _policy.Evaluate(context, token, from, to, amount);
        return new AbiWriter(3)
            .WriteBool(verdict.IsAllowed)
            .WriteString(_policy.Describe(context, token, verdict, from, to, amount))
            .ToArray();
    }

    private TokenInfo Token(Address address) =>
        _consortium.FindToken(address) ?? throw Revert($"{address.ToChecksumString()} is not a deposit token of this chain");

    private static void WriteStaff(IModuleContext context, Address account, StaffRoles roles, int bank)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, ComplianceStorage.StaffTag, account);
        if (roles == StaffRoles.None)
        {
            context.SetStorage(key, []);
        }
        else
        {
            context.SetStorage(key, [(byte)roles, (byte)bank]);
        }
    }

    private void AddFeatures(IModuleContext context, ComplianceFeatures features)
    {
        var current = ComplianceStorage.Features(context, Address);
        if ((current & features) != features)
        {
            context.SetStorage([ComplianceStorage.FeaturesTag], [(byte)(current | features)]);
        }
    }

    private void EmitRole(IModuleContext context, bool granted, Hash32 role, Address account, string scope) =>
        Emit(
            context,
            granted ? _roleGranted : _roleRevoked,
            AbiWriter.EncodeString(scope),
            role,
            AbiTopic.FromAddress(account),
            AbiTopic.FromAddress(context.Caller));

    /// <summary>The bank whose operator the caller is; reverts otherwise.</summary>
    private int OperatorBank(IModuleContext context, string action)
    {
        var (roles, bank) = ComplianceStorage.Staff(context, Address, context.Caller);
        return (roles & StaffRoles.BankOperator) != 0
            ? bank
            : throw Revert($"only a bank operator may {action}; {context.Caller.ToChecksumString()} is not the operator of any bank");
    }

    /// <summary>The caller is the regulator, or staff of <paramref name="bank"/>; reverts otherwise.</summary>
    private bool RequireRegulatorOrStaff(IModuleContext context, int bank, string action)
    {
        if (ComplianceStorage.IsRegulator(context, Address, context.Caller))
        {
            return true;
        }

        if (bank >= 0 && ComplianceStorage.IsBankStaff(context, Address, context.Caller, bank))
        {
            return false;
        }

        var owner = bank >= 0 ? $"the operator or a compliance officer of {_consortium.DescribeBank(bank)}" : "the bank's staff";
        throw Revert($"only {owner} or the regulator may {action}; the caller {context.Caller.ToChecksumString()} is neither");
    }

    private int RegisteredBank(IModuleContext context, Address account) =>
        IdentityStorage.Load(context, _consortium.Registry, account) is { } stored
            ? IdentityRecord.BankOf(stored)
            : throw Revert($"{account.ToChecksumString()} is not registered in the identity registry");

    private static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    private static Hash32 Keccak(string text) => Core.Crypto.Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(text));
}
