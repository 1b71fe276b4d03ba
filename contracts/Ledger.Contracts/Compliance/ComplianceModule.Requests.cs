using Ledger.Contracts.Identity;
using Ledger.Contracts.Tokens;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Compliance;

/// <summary>
/// Four-eyes (maker–checker) for the operations that take or create money without the customer: account recovery,
/// forced transfers, burns from a customer and mints above the token's threshold. One officer of a bank makes a
/// request; a DIFFERENT officer (the operator or a compliance officer) of the SAME bank approves it, and only then
/// does the token or registry act, called by this module (the only caller they accept for these operations).
/// A request expires unless approved within <c>fourEyes.requestTtlSeconds</c>. An approved recovery also waits
/// <c>fourEyes.recoveryDelaySeconds</c>, during which the customer's own key or its guardian can veto it; then
/// any officer of the bank executes it. Forced transfers and burns never touch a custodian (Settlement,
/// Merchant): their balances are other customers' escrows.
/// </summary>
public sealed partial class ComplianceModule
{
    /// <summary>Most open requests per bank: a runaway maker cannot grow state without bound.</summary>
    public const int MaxOpenRequestsPerBank = 1_000;

    private EventDefinition _requestCreated = null!;
    private EventDefinition _requestApproved = null!;
    private EventDefinition _requestExecuted = null!;
    private EventDefinition _requestCancelled = null!;
    private EventDefinition _requestVetoed = null!;
    private EventDefinition _requestExpired = null!;

    private void RegisterRequests()
    {
        Register("requestMint(address,address,uint256,bytes32)", 60_000, RequestMint);
        Register("requestBurn(address,address,uint256,bytes32)", 60_000, RequestBurn);
        Register("requestForcedTransfer(address,address,address,uint256,bytes32)", 60_000, RequestForcedTransfer);
        Register("requestRecovery(address,address)", 60_000, RequestRecovery);
        Register("approveRequest(uint256)", 50_000, ApproveRequest);
        Register("executeRequest(uint256)", 50_000, ExecuteRequest);
        Register("cancelRequest(uint256)", 30_000, CancelRequest);
        Register("vetoRequest(uint256)", 30_000, VetoRequest);
        Register("requestCount()", 2_100, (c, ref _) => AbiWriter.EncodeUInt256(c.GetUInt256(ComplianceStorage.RequestCountTag)), view: true);
        Register("requestOf(uint256)", 2_600, RequestOf, view: true);
        Register("openRequests(string,uint256,uint256)", 5_000, OpenRequests, view: true);
        Register("fourEyesConfig(address)", 1_000, FourEyesConfigOf, view: true);
        _requestCreated = DeclareEvent("RequestCreated(uint256,uint8,string,address,address,uint64)");
        _requestApproved = DeclareEvent("RequestApproved(uint256,address,uint64)");
        _requestExecuted = DeclareEvent("RequestExecuted(uint256,address)");
        _requestCancelled = DeclareEvent("RequestCancelled(uint256,address)");
        _requestVetoed = DeclareEvent("RequestVetoed(uint256,address)");
        _requestExpired = DeclareEvent("RequestExpired(uint256)");
    }

    private byte[] RequestMint(IModuleContext context, ref AbiReader args)
    {
        var token = Token(args.ReadAddress("token"));
        var to = args.ReadAddress("to");
        var amount = args.ReadUInt256("amount");
        var reference = new Hash32(args.ReadBytes32("reference"));
        RequireMaker(context, token, $"request a mint of {token.Symbol}");
        Require(!to.IsZero, "mint to the zero address");
        Require(!_consortium.IsCustodian(to), $"{to.ToChecksumString()} is a custodian module; mint to a customer account");
        RequireAmountAndReference(context, token, amount, reference, optional: false);
        return Open(context, RequestKind.Mint, token.BankIndex, token.Address, to, Address.Zero, amount, reference);
    }

    private byte[] RequestBurn(IModuleContext context, ref AbiReader args)
    {
        var token = Token(args.ReadAddress("token"));
        var from = args.ReadAddress("from");
        var amount = args.ReadUInt256("amount");
        var reference = new Hash32(args.ReadBytes32("reference"));
        RequireMaker(context, token, $"request a burn of {token.Symbol}");
        Require(!from.IsZero && from != token.Address, "burn from the zero address or the token's escrow of held transfers is not possible");
        RequireNotCustodian(from, "burn");
        RequireAmountAndReference(context, token, amount, reference, optional: true);
        return Open(context, RequestKind.Burn, token.BankIndex, token.Address, from, Address.Zero, amount, reference);
    }

    private byte[] RequestForcedTransfer(IModuleContext context, ref AbiReader args)
    {
        var token = Token(args.ReadAddress("token"));
        var from = args.ReadAddress("from");
        var to = args.ReadAddress("to");
        var amount = args.ReadUInt256("amount");
        var legalReference = new Hash32(args.ReadBytes32("legalReference"));
        RequireMaker(context, token, $"request a forced transfer of {token.Symbol}");
        Require(legalReference != Hash32.Zero, "a forced transfer needs a legal reference (the court order or case id as bytes32)");
        Require(
            !from.IsZero && !to.IsZero && from != to && from != token.Address && to != token.Address,
            "a forced transfer moves between two different accounts (not the zero address or the escrow of held transfers)");
        RequireNotCustodian(from, "forced transfer");
        RequireNotCustodian(to, "forced transfer");
        Require(!amount.IsZero, "the amount must be greater than zero");
        return Open(context, RequestKind.ForcedTransfer, token.BankIndex, token.Address, from, to, amount, legalReference);
    }

    private byte[] RequestRecovery(IModuleContext context, ref AbiReader args)
    {
        var lost = args.ReadAddress("lost");
        var replacement = args.ReadAddress("newAccount");
        var stored = IdentityStorage.Load(context, _consortium.Registry, lost)
            ?? throw Revert($"{lost.ToChecksumString()} is not registered; there is nothing to recover");
        var record = IdentityRecord.Decode(stored);
        var bank = record.BankIndex;
        if (!ComplianceStorage.IsBankStaff(context, Address, context.Caller, bank))
        {
            throw Revert(
                $"only the operator or a compliance officer of {_consortium.DescribeBank(bank)} may recover {lost.ToChecksumString()}; " +
                $"the caller {context.Caller.ToChecksumString()} is not");
        }

        Require(!record.Recovered, $"{lost.ToChecksumString()} was already recovered to another key");
        Require(!replacement.IsZero && replacement != lost, "the new account must be a fresh key, not the zero address or the lost account itself");
        if (IdentityStorage.Load(context, _consortium.Registry, replacement) is { } taken)
        {
            throw Revert(
                $"the new account {replacement.ToChecksumString()} is already registered by {_consortium.DescribeBank(IdentityRecord.BankOf(taken))}; recover to a fresh key");
        }

        return Open(context, RequestKind.Recovery, bank, Address.Zero, lost, replacement, UInt256.Zero, Hash32.Zero);
    }

    private byte[] ApproveRequest(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        var (number, request) = Load(context, id);
        var now = NowSeconds(context);
        var bank = _consortium.DescribeBank(request.Bank);
        switch (request.StatusAt(now))
        {
            case RequestStatus.Pending:
                break;
            case RequestStatus.Approved:
                throw Revert($"request {number} is already approved; it can be executed from {IdentityRegistry.FormatTime(request.ExecutableAt)} with executeRequest({number})");
            case RequestStatus.Expired:
                throw Revert($"request {number} expired at {IdentityRegistry.FormatTime(request.ExpiresAt)} without a second officer; make a new request");
            default:
                throw Revert($"request {number} is {Describe(request.Status)}; there is nothing to approve");
        }

        if (context.Caller == request.Maker)
        {
            throw Revert(
                $"request {number} was made by {request.Maker.ToChecksumString()}; it needs a second officer of {bank}: " +
                $"ask another one (the operator or a compliance officer) to call approveRequest({number})");
        }

        if (!ComplianceStorage.IsBankStaff(context, Address, context.Caller, request.Bank))
        {
            throw Revert(
                $"only the operator or a compliance officer of {bank} may approve request {number}; " +
                $"the caller {context.Caller.ToChecksumString()} is not");
        }

        var delay = _consortium.FourEyes.RecoveryDelaySeconds;
        var waits = request.Kind == RequestKind.Recovery && delay > 0;
        request = request with { Checker = context.Caller, ExecutableAt = now + (waits ? delay : 0) };
        Emit(context, _requestApproved, AbiWriter.EncodeUInt256(request.ExecutableAt), AbiTopic.FromUInt256(number), AbiTopic.FromAddress(context.Caller));
        if (waits)
        {
            Store(context, number, request with { Status = RequestStatus.Approved });
            return [];
        }

        Carry(context, number, request);
        return [];
    }

    private byte[] ExecuteRequest(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        var (number, request) = Load(context, id);
        var now = NowSeconds(context);
        if (request.Status != RequestStatus.Approved)
        {
            throw Revert(request.StatusAt(now) == RequestStatus.Pending
                ? $"request {number} needs a second officer of {_consortium.DescribeBank(request.Bank)} first: approveRequest({number})"
                : $"request {number} is {Describe(request.StatusAt(now))}; there is nothing to execute");
        }

        if (!ComplianceStorage.IsBankStaff(context, Address, context.Caller, request.Bank))
        {
            throw Revert(
                $"only the operator or a compliance officer of {_consortium.DescribeBank(request.Bank)} may execute request {number}; " +
                $"the caller {context.Caller.ToChecksumString()} is not");
        }

        if (now < request.ExecutableAt)
        {
            throw Revert(
                $"request {number} waits until {IdentityRegistry.FormatTime(request.ExecutableAt)} so the customer or its guardian can veto it; " +
                $"call executeRequest({number}) then");
        }

        Carry(context, number, request);
        return [];
    }

    private byte[] CancelRequest(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        var (number, request) = Load(context, id);
        var status = request.StatusAt(NowSeconds(context));
        if (status == RequestStatus.Expired && request.Status == RequestStatus.Pending)
        {
            // Anyone may close an expired request: it only tidies the bank's open list.
            Close(context, number, request with { Status = RequestStatus.Expired });
            Emit(context, _requestExpired, [], AbiTopic.FromUInt256(number));
            return [];
        }

        Require(request.IsOpen, $"request {number} is {Describe(status)}; only an open request can be cancelled");
        if (!ComplianceStorage.IsBankStaff(context, Address, context.Caller, request.Bank))
        {
            throw Revert(
                $"only the operator or a compliance officer of {_consortium.DescribeBank(request.Bank)} may cancel request {number}; " +
                $"the caller {context.Caller.ToChecksumString()} is not");
        }

        Close(context, number, request with { Status = RequestStatus.Cancelled });
        Emit(context, _requestCancelled, [], AbiTopic.FromUInt256(number), AbiTopic.FromAddress(context.Caller));
        return [];
    }

    private byte[] VetoRequest(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        var (number, request) = Load(context, id);
        Require(request.Kind == RequestKind.Recovery, $"request {number} is not a recovery; only recoveries can be vetoed (ask the bank to cancel it)");
        var status = request.StatusAt(NowSeconds(context));
        Require(status is RequestStatus.Pending or RequestStatus.Approved, $"request {number} is {Describe(status)}; there is nothing to veto");
        if (context.Caller != request.Account && !IsGuardianOf(context, request.Account, context.Caller))
        {
            throw Revert(
                $"only the customer's own key {request.Account.ToChecksumString()} or its guardian may veto recovery request {number}; " +
                $"the caller {context.Caller.ToChecksumString()} is neither");
        }

        Close(context, number, request with { Status = RequestStatus.Vetoed });
        Emit(context, _requestVetoed, [], AbiTopic.FromUInt256(number), AbiTopic.FromAddress(context.Caller));
        return [];
    }

    /// <summary>True when <paramref name="guardian"/> is <paramref name="account"/>'s guardian on any deposit token.</summary>
    private bool IsGuardianOf(IModuleContext context, Address account, Address guardian)
    {
        foreach (var token in _consortium.Tokens)
        {
            if (TokenStorage.Guardian(context, token.Address, TokenStorage.GuardianTag, account).Guardian == guardian)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The maker of a token request: an issuer of the token or an officer of the issuing bank.</summary>
    private void RequireMaker(IModuleContext context, TokenInfo token, string action)
    {
        if (!ComplianceStorage.IsIssuer(context, Address, token, context.Caller)
            && !ComplianceStorage.IsBankStaff(context, Address, context.Caller, token.BankIndex))
        {
            throw Revert(
                $"only an issuer of {token.Symbol} or an officer of {_consortium.DescribeBank(token.BankIndex)} may {action}; " +
                $"the caller is {context.Caller.ToChecksumString()}");
        }
    }

    private void RequireNotCustodian(Address account, string what)
    {
        if (_consortium.IsCustodian(account))
        {
            throw Revert(
                $"{account.ToChecksumString()} is a custodian module (Settlement or Merchant): its balance is other customers' escrows, " +
                $"so a {what} can never target it");
        }
    }

    private static void RequireAmountAndReference(IModuleContext context, TokenInfo token, UInt256 amount, Hash32 reference, bool optional)
    {
        Require(!amount.IsZero, "the amount must be greater than zero");
        if (reference == Hash32.Zero)
        {
            Require(optional, "reference must not be zero: pass the core-banking reference of this operation as bytes32");
            return;
        }

        Span<byte> key = stackalloc byte[1 + Hash32.Length];
        key[0] = TokenStorage.ReferenceTag;
        reference.WriteTo(key[1..]);
        Require(context.GetStorage(token.Address, key) is null, $"reference {reference} was already used on {token.Symbol}; each reference is accepted once");
    }

    private static ulong NowSeconds(IModuleContext context) => context.TimestampMs / 1000;
}
