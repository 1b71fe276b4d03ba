using System.Text;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;

namespace Ledger.Contracts.Validators;

/// <summary>Storage encoding of the member node allowlist: <c>rlp([[address, bank], ...])</c> in the order members were admitted.</summary>
public static class MemberListCodec
{
    public static byte[] Encode(IReadOnlyList<MemberConfig> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var writer = new RlpWriter(48 * (members.Count + 1));
        writer.StartList();
        foreach (var member in members)
        {
            writer.StartList().WriteAddress(member.Address).WriteBytes(Encoding.UTF8.GetBytes(member.Bank)).EndList();
        }

        writer.EndList();
        return writer.ToArray();
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote; anything else is corrupted state (a bug), not a revert.</summary>
    public static IReadOnlyList<MemberConfig> Decode(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var outer = new RlpReader(encoded);
            var list = outer.ReadList();
            var result = new List<MemberConfig>();
            while (list.HasMore)
            {
                var item = list.ReadList();
                var address = item.ReadAddress();
                var bank = Encoding.UTF8.GetString(item.ReadBytes());
                item.EnsureFinished("a member entry");
                result.Add(new MemberConfig(bank, address));
            }

            outer.EnsureFinished("a member list");
            return result;
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"the stored member node list is corrupted: {ex.Message}", ex);
        }
    }
}
