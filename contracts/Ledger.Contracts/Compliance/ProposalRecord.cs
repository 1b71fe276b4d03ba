using System.Numerics;
using System.Text;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Compliance;

/// <summary>
/// A consortium proposal and the banks that approved it, in one fixed 60-byte record:
/// kind(1) ‖ executed(1) ‖ bank(1) ‖ open(1) ‖ jurisdictionA(2) ‖ jurisdictionB(2) ‖ account(20) ‖ approvals bitmap(32, bit i = bank i).
/// </summary>
public sealed record ProposalRecord(ProposalKind Kind, bool Executed, int Bank, bool Open, string JurisdictionA, string JurisdictionB, Address Account, byte[] Approvals)
{
    public const int EncodedLength = 60;

    public int ApprovalCount
    {
        get
        {
            var count = 0;
            foreach (var b in Approvals)
            {
                count += BitOperations.PopCount(b);
            }

            return count;
        }
    }

    public bool HasApproved(int bank) => (Approvals[bank / 8] & (1 << (bank % 8))) != 0;

    public ProposalRecord WithApproval(int bank)
    {
        var approvals = (byte[])Approvals.Clone();
        approvals[bank / 8] |= (byte)(1 << (bank % 8));
        return this with { Approvals = approvals };
    }

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        bytes[0] = (byte)Kind;
        bytes[1] = Executed ? (byte)1 : (byte)0;
        bytes[2] = (byte)Bank;
        bytes[3] = Open ? (byte)1 : (byte)0;
        Encoding.ASCII.GetBytes(JurisdictionA.PadRight(2), bytes.AsSpan(4, 2));
        Encoding.ASCII.GetBytes(JurisdictionB.PadRight(2), bytes.AsSpan(6, 2));
        Account.WriteTo(bytes.AsSpan(8, Address.Length));
        Approvals.CopyTo(bytes.AsSpan(28, 32));
        return bytes;
    }

    public static ProposalRecord Decode(ReadOnlySpan<byte> stored)
    {
        if (stored.Length != EncodedLength)
        {
            throw new InvalidOperationException($"stored proposal is {stored.Length} bytes, not {EncodedLength}");
        }

        return new ProposalRecord(
            (ProposalKind)stored[0],
            stored[1] != 0,
            stored[2],
            stored[3] != 0,
            Encoding.ASCII.GetString(stored.Slice(4, 2)).TrimEnd(),
            Encoding.ASCII.GetString(stored.Slice(6, 2)).TrimEnd(),
            new Address(stored.Slice(8, Address.Length)),
            stored.Slice(28, 32).ToArray());
    }

    public static ProposalRecord Create(ProposalKind kind, int bank = 0, Address account = default, string a = "", string b = "", bool open = false) =>
        new(kind, Executed: false, bank, open, a, b, account, new byte[32]);
}
