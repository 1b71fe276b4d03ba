using Ledger.Contracts.Compliance;
using Ledger.Contracts.Identity;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Aliases;

/// <summary>
/// The Directory: human aliases such as <c>anna@bank-a</c> for registered accounts, resolvable both ways. An
/// account claims one alias whose bank id is its own bank's (so the suffix says who vouches for the person); the
/// holder may release it and the staff of that bank may revoke it. Invariant: holder(alias) = account exactly when
/// aliasOf(account) = alias.
/// </summary>
public sealed partial class DirectoryModule : ModuleBase
{
    public const string ModuleName = "Directory";

    private readonly Consortium _consortium;
    private readonly EventDefinition _claimed;
    private readonly EventDefinition _released;
    private readonly EventDefinition _revoked;

    public DirectoryModule(Consortium consortium, Address address)
        : base(ModuleName, address, "Directory.json")
    {
        ArgumentNullException.ThrowIfNull(consortium);
        _consortium = consortium;
        Register("claimAlias(string)", 45_000, ClaimAlias);
        Register("releaseAlias()", 30_000, ReleaseAlias);
        Register("revokeAlias(string)", 35_000, RevokeAlias);
        Register("resolve(string)", 2_600, Resolve, view: true);
        Register("aliasOf(address)", 2_600, AliasOf, view: true);
        _claimed = DeclareEvent("AliasClaimed(address,bytes32,string)");
        _released = DeclareEvent("AliasReleased(address,bytes32,string)");
        _revoked = DeclareEvent("AliasRevoked(address,bytes32,string,address)");
    }

    /// <summary>Nothing at genesis: aliases are claimed by their holders.</summary>
    public override void InitializeGenesis(IModuleContext context)
    {
    }

    private byte[] ClaimAlias(IModuleContext context, ref AbiReader args)
    {
        var alias = args.ReadString("aliasName");
        var account = context.Caller;
        var stored = IdentityStorage.Load(context, _consortium.Registry, account);
        if (stored is null || !IdentityRecord.IsVerifiedAt(stored, context.TimestampMs / 1000))
        {
            throw Revert($"{new TransferPolicy(_consortium).NotVerified(context, "caller", account)}; only a verified account may claim an alias");
        }

        if (AliasRules.Check(alias, out var name, out var bankId) is { } problem)
        {
            throw Revert(problem);
        }

        var bank = IdentityRecord.BankOf(stored);
        var ownBankId = _consortium.Banks[bank].Id;
        if (bankId != ownBankId)
        {
            throw Revert(
                $"alias \"{alias}\" names bank \"{bankId}\", but {account.ToChecksumString()} is registered by {_consortium.DescribeBank(bank)}; " +
                $"claim \"{name}@{ownBankId}\"");
        }

        if (AliasOf(context, account) is { } held)
        {
            throw Revert($"{account.ToChecksumString()} already holds alias \"{held}\"; one alias per account: release it first");
        }

        var aliasHash = DirectoryStorage.AliasHash(alias);
        if (Holder(context, aliasHash) is { } holder)
        {
            throw Revert($"alias \"{alias}\" is taken by {holder.ToChecksumString()}");
        }

        context.SetStorage(DirectoryStorage.HolderKey(aliasHash), account.ToArray());
        context.SetStorage(DirectoryStorage.AliasKey(account), System.Text.Encoding.UTF8.GetBytes(alias));
        Emit(context, _claimed, AbiWriter.EncodeString(alias), AbiTopic.FromAddress(account), aliasHash);
        return [];
    }

    private byte[] ReleaseAlias(IModuleContext context, ref AbiReader args)
    {
        var account = context.Caller;
        var alias = AliasOf(context, account) ?? throw Revert($"{account.ToChecksumString()} holds no alias; there is nothing to release");
        var aliasHash = Remove(context, account, alias);
        Emit(context, _released, AbiWriter.EncodeString(alias), AbiTopic.FromAddress(account), aliasHash);
        return [];
    }

    private byte[] RevokeAlias(IModuleContext context, ref AbiReader args)
    {
        var alias = args.ReadString("aliasName");
        var aliasHash = DirectoryStorage.AliasHash(alias);
        var holder = Holder(context, aliasHash) ?? throw Revert($"no account holds alias \"{alias}\"; there is nothing to revoke");

        // The suffix was checked against the holder's bank at claim time: it names the bank that vouches for the alias.
        var bank = _consortium.BankIndex(alias[(alias.LastIndexOf('@') + 1)..]);
        if (bank < 0 || !ComplianceStorage.IsBankStaff(context, _consortium.Compliance, context.Caller, bank))
        {
            throw Revert(
                $"only the staff of {_consortium.DescribeBank(bank)} (its operator or compliance officers) may revoke alias \"{alias}\"; " +
                $"the caller is {context.Caller.ToChecksumString()}");
        }

        Remove(context, holder, alias);
        Emit(context, _revoked, new AbiWriter(2).WriteString(alias).WriteAddress(context.Caller).ToArray(), AbiTopic.FromAddress(holder), aliasHash);
        return [];
    }

    private static byte[] Resolve(IModuleContext context, ref AbiReader args)
    {
        var alias = args.ReadString("aliasName");
        var holder = Holder(context, DirectoryStorage.AliasHash(alias)) ?? throw Revert($"no account holds alias \"{alias}\"");
        return AbiWriter.EncodeAddress(holder);
    }

    private static byte[] AliasOf(IModuleContext context, ref AbiReader args) =>
        AbiWriter.EncodeString(AliasOf(context, args.ReadAddress("account")) ?? "");

    private static Address? Holder(IModuleContext context, Hash32 aliasHash) =>
        context.GetStorage(context.Self, DirectoryStorage.HolderKey(aliasHash)) is { } stored ? new Address(stored) : null;

    private static string? AliasOf(IModuleContext context, Address account) =>
        context.GetStorage(context.Self, DirectoryStorage.AliasKey(account)) is { } stored ? System.Text.Encoding.UTF8.GetString(stored) : null;

    private static Hash32 Remove(IModuleContext context, Address account, string alias)
    {
        var aliasHash = DirectoryStorage.AliasHash(alias);
        context.SetStorage(DirectoryStorage.HolderKey(aliasHash), []);
        context.SetStorage(DirectoryStorage.AliasKey(account), []);
        return aliasHash;
    }
}
