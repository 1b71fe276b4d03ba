using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Identity;

/// <summary>Registering, updating and recovering identities, with the input rules a bank's KYC system must meet.</summary>
public sealed partial class IdentityRegistry
{
    private byte[] RegisterIdentity(IModuleContext context, ref AbiReader args, bool withLei)
    {
        var account = args.ReadAddress("account");
        var jurisdiction = args.ReadString("jurisdiction");
        var kycLevel = args.ReadUInt8("kycLevel");
        var expiresAt = args.ReadUInt64("expiresAt");
        var lei = withLei ? args.ReadString("lei") : "";

        var bank = CallerBank(context, "register identities");
        if (account.IsZero)
        {
            throw Revert("cannot register the zero address");
        }

        if (account == Address || account == _consortium.Compliance || _consortium.FindToken(account) is not null)
        {
            throw Revert($"{account.ToChecksumString()} is a module address, not a customer account");
        }

        CheckFields(context, jurisdiction, kycLevel, expiresAt, lei);
        var existing = Find(context, account);
        if (existing is not null && existing.BankIndex != bank)
        {
            throw Revert(
                $"{account.ToChecksumString()} is registered by {_consortium.DescribeBank(existing.BankIndex)}; only that bank may change its identity");
        }

        // Re-registration by the same bank renews or corrects the identity and lifts a revocation. The
        // four-argument form keeps an LEI already on file, so old clients do not erase it.
        var keptLei = withLei ? lei : existing?.Lei ?? "";
        IdentityStorage.Store(context, account, new IdentityRecord(bank, jurisdiction, kycLevel, expiresAt, Revoked: false, keptLei));
        Emit(
            context,
            _registered,
            new AbiWriter(6).WriteString(BankId(bank)).WriteString(jurisdiction).WriteUInt8(kycLevel).WriteUInt64(expiresAt).ToArray(),
            AbiTopic.FromAddress(account));
        return [];
    }

    private byte[] UpdateIdentity(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var jurisdiction = args.ReadString("jurisdiction");
        var kycLevel = args.ReadUInt8("kycLevel");
        var expiresAt = args.ReadUInt64("expiresAt");
        var lei = args.ReadString("lei");

        var record = Find(context, account)
            ?? throw Revert($"{account.ToChecksumString()} is not registered; use registerIdentity first");
        RequireStaff(context, record.BankIndex, $"update {account.ToChecksumString()}");
        if (record.Revoked)
        {
            throw Revert($"{account.ToChecksumString()} is revoked; registerIdentity reinstates it");
        }

        CheckFields(context, jurisdiction, kycLevel, expiresAt, lei);
        IdentityStorage.Store(context, account, record with { Jurisdiction = jurisdiction, KycLevel = kycLevel, ExpiresAt = expiresAt, Lei = lei });
        Emit(
            context,
            _updated,
            new AbiWriter(8).WriteString(BankId(record.BankIndex)).WriteString(jurisdiction).WriteUInt8(kycLevel).WriteUInt64(expiresAt).WriteString(lei).ToArray(),
            AbiTopic.FromAddress(account));
        return [];
    }

    private static void CheckFields(IModuleContext context, string jurisdiction, byte kycLevel, ulong expiresAt, string lei)
    {
        if (!GenesisRules.IsJurisdiction(jurisdiction))
        {
            throw Revert($"jurisdiction must be an ISO 3166-1 alpha-2 code of two uppercase letters (e.g. \"US\"), got \"{jurisdiction}\"");
        }

        if (kycLevel == 0)
        {
            throw Revert("kycLevel 0 means not verified; register with kycLevel 1 or higher, or revoke the identity");
        }

        if (kycLevel > GenesisRules.MaxKycLevel)
        {
            throw Revert($"kycLevel {kycLevel} is not defined: use 1 (basic), 2 (standard) or 3 (enhanced due diligence)");
        }

        var now = NowSeconds(context);
        if (expiresAt <= now)
        {
            throw Revert($"expiresAt {FormatTime(expiresAt)} is not after the current block time {FormatTime(now)}");
        }

        if (lei.Length > 0 && !LegalEntityIdentifier.IsValid(lei))
        {
            throw Revert($"LEI \"{lei}\" is not a valid ISO 17442 legal entity identifier (20 characters A–Z/0–9 with MOD 97-10 check digits); pass \"\" for a person");
        }
    }

    private byte[] RecoverAccount(IModuleContext context, ref AbiReader args)
    {
        var lost = args.ReadAddress("lost");
        var replacement = args.ReadAddress("newAccount");
        var record = Find(context, lost) ?? throw Revert($"{lost.ToChecksumString()} is not registered; there is nothing to recover");
        if (context.Caller != _consortium.Compliance)
        {
            // Recovery sweeps every token the customer holds: it runs only as an approved four-eyes request.
            RequireStaff(context, record.BankIndex, $"recover {lost.ToChecksumString()}");
            throw Revert(
                $"recovering {lost.ToChecksumString()} needs two officers of {_consortium.DescribeBank(record.BankIndex)}: one calls " +
                "Compliance.requestRecovery(lost, newAccount), a different one approves it with approveRequest(id), and after the " +
                "recovery delay (during which the customer or its guardian may veto) an officer calls executeRequest(id)");
        }
        if (record.Recovered)
        {
            throw Revert($"{lost.ToChecksumString()} was already recovered to another key");
        }

        if (replacement.IsZero || replacement == lost)
        {
            throw Revert("the new account must be a fresh key, not the zero address or the lost account itself");
        }

        if (Find(context, replacement) is { } taken)
        {
            throw Revert(
                $"the new account {replacement.ToChecksumString()} is already registered by {_consortium.DescribeBank(taken.BankIndex)}; recover to a fresh key");
        }

        // The identity moves unchanged; the lost key stays on file as revoked and recovered so it can never be
        // reinstated by mistake and every reason that names it says where it went.
        IdentityStorage.Store(context, replacement, record with { Recovered = false });
        IdentityStorage.Store(context, lost, record with { Revoked = true, Recovered = true });

        Span<byte> call = stackalloc byte[AbiSelector.Length + 64];
        CallEach(context, _consortium.Compliance, RecoverStateSelector, call, lost, replacement);
        foreach (var token in _consortium.Tokens)
        {
            CallEach(context, token.Address, RecoverBalanceSelector, call, lost, replacement);
        }

        Emit(context, _recovered, AbiWriter.EncodeString(BankId(record.BankIndex)), AbiTopic.FromAddress(lost), AbiTopic.FromAddress(replacement));
        return [];
    }

    private static readonly uint RecoverStateSelector = AbiSelector.Of("recoverAccountState(address,address)");

    private static readonly uint RecoverBalanceSelector = AbiSelector.Of("recoverBalance(address,address)");

    private static void CallEach(IModuleContext context, Address module, uint selector, Span<byte> call, Address lost, Address replacement)
    {
        call.Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(call, selector);
        lost.WriteTo(call.Slice(AbiSelector.Length + 12, Address.Length));
        replacement.WriteTo(call.Slice(AbiSelector.Length + 44, Address.Length));
        var result = context.CallModule(module, call);
        if (!result.Success)
        {
            throw Revert($"recovery stopped: {result.RevertReason}");
        }
    }
}
