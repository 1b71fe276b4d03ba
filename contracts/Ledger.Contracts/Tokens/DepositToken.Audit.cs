using Ledger.Contracts.Compliance;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Tokens;

/// <summary>
/// The holder list behind the regulator's paged <c>balancesOf</c>: every account that ever held the token, in
/// order of first credit (kept when its balance returns to zero, so pages stay stable while a regulator reads).
/// </summary>
public sealed partial class DepositToken
{
    private static void AddHolder(IModuleContext context, Address account)
    {
        if (!context.GetUInt256(TokenStorage.HolderIndexTag, account).IsZero)
        {
            return;
        }

        var count = context.GetUInt256(TokenStorage.HolderCountTag).ToUInt64();
        context.SetStorage(HolderAtKey(count), account.ToArray());
        context.SetUInt256(TokenStorage.HolderCountTag, count + 1);
        context.SetUInt256(TokenStorage.HolderIndexTag, account, count + 1);
    }

    private byte[] BalancesOf(IModuleContext context, ref AbiReader args)
    {
        var start = args.ReadUInt256("start");
        var count = args.ReadUInt256("count");
        var caller = context.Caller;
        var compliance = _consortium.Compliance;
        if (!ComplianceStorage.IsRegulator(context, compliance, caller)
            && !ComplianceStorage.IsBankStaff(context, compliance, caller, _info.BankIndex)
            && !ComplianceStorage.IsIssuer(context, compliance, _info, caller))
        {
            throw Revert($"only the regulator or the staff of {_consortium.DescribeBank(_info.BankIndex)} may list all {Symbol} balances; the caller is {caller.ToChecksumString()}");
        }

        if (count.IsZero || count > (ulong)MaxPage)
        {
            throw Revert($"count must be 1 to {MaxPage} entries per page, got {count}");
        }

        var total = context.GetUInt256(TokenStorage.HolderCountTag).ToUInt64();
        var first = start >= total ? total : start.ToUInt64();
        var n = (int)Math.Min(count.ToUInt64(), total - first);
        var accounts = new Address[n];
        var balances = new UInt256[n];
        for (var i = 0; i < n; i++)
        {
            var stored = context.GetStorage(Address, HolderAtKey(first + (ulong)i))
                ?? throw new InvalidOperationException($"holder {first + (ulong)i} of {Symbol} is missing");
            accounts[i] = new Address(stored);
            balances[i] = context.GetUInt256(TokenStorage.BalanceTag, accounts[i]);
        }

        ChargeGas((ulong)n * 2_600);
        return AbiArrays.EncodePage(accounts, balances, total);
    }

    private static byte[] HolderAtKey(ulong index)
    {
        var key = new byte[9];
        key[0] = TokenStorage.HolderAtTag;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), index);
        return key;
    }
}
