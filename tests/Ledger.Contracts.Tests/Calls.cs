using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

/// <summary>Calldata for the modules' functions, built with the ABI writer as a client would.</summary>
public static class Calls
{
    public static byte[] Transfer(Address to, UInt256 amount) =>
        new AbiWriter().WriteAddress(to).WriteUInt256(amount).ToCallData("transfer(address,uint256)");

    public static byte[] Approve(Address spender, UInt256 amount) =>
        new AbiWriter().WriteAddress(spender).WriteUInt256(amount).ToCallData("approve(address,uint256)");

    public static byte[] TransferFrom(Address from, Address to, UInt256 amount) =>
        new AbiWriter().WriteAddress(from).WriteAddress(to).WriteUInt256(amount).ToCallData("transferFrom(address,address,uint256)");

    public static byte[] Mint(Address to, UInt256 amount) =>
        new AbiWriter().WriteAddress(to).WriteUInt256(amount).ToCallData("mint(address,uint256)");

    public static byte[] Burn(Address from, UInt256 amount) =>
        new AbiWriter().WriteAddress(from).WriteUInt256(amount).ToCallData("burn(address,uint256)");

    public static byte[] BalanceOf(Address account) =>
        new AbiWriter().WriteAddress(account).ToCallData("balanceOf(address)");

    public static byte[] Allowance(Address owner, Address spender) =>
        new AbiWriter().WriteAddress(owner).WriteAddress(spender).ToCallData("allowance(address,address)");

    public static byte[] IsVerified(Address account) =>
        new AbiWriter().WriteAddress(account).ToCallData("isVerified(address)");

    public static byte[] IdentityOf(Address account) =>
        new AbiWriter().WriteAddress(account).ToCallData("identityOf(address)");

    public static byte[] RegisterIdentity(Address account, string jurisdiction, byte kycLevel, ulong expiresAt) =>
        new AbiWriter().WriteAddress(account).WriteString(jurisdiction).WriteUInt8(kycLevel).WriteUInt64(expiresAt)
            .ToCallData("registerIdentity(address,string,uint8,uint64)");

    public static byte[] RevokeIdentity(Address account) =>
        new AbiWriter().WriteAddress(account).ToCallData("revokeIdentity(address)");

    /// <summary>Calldata for any function with static and string arguments: Address, UInt256, ulong, int, byte, bool, string, Hash32.</summary>
    public static byte[] Encode(string signature, params object[] args)
    {
        var writer = new AbiWriter(args.Length + 2);
        foreach (var arg in args)
        {
            _ = arg switch
            {
                Address a => writer.WriteAddress(a),
                UInt256 u => writer.WriteUInt256(u),
                ulong l => writer.WriteUInt256(l),
                int i => writer.WriteUInt256((ulong)i),
                byte b => writer.WriteUInt8(b),
                bool b => writer.WriteBool(b),
                string t => writer.WriteString(t),
                Hash32 h => writer.WriteBytes32(h),
                _ => throw new ArgumentException($"unsupported ABI argument {arg.GetType()}", nameof(args)),
            };
        }

        return writer.ToCallData(signature);
    }

    /// <summary>Calldata of <c>batchTransfer(address[],uint256[])</c> or, with a reference, <c>batchMint(address[],uint256[],bytes32)</c>.</summary>
    public static byte[] Batch(Address[] to, UInt256[] amounts, Hash32? reference = null)
    {
        var signature = reference is null ? "batchTransfer(address[],uint256[])" : "batchMint(address[],uint256[],bytes32)";
        var heads = reference is null ? 2 : 3;
        var words = new List<byte[]>();
        var first = heads * 32;
        words.Add(Word((ulong)first));
        words.Add(Word((ulong)(first + (32 * (to.Length + 1)))));
        if (reference is { } r)
        {
            words.Add(r.ToArray());
        }

        words.Add(Word((ulong)to.Length));
        words.AddRange(to.Select(a => { var w = new byte[32]; a.WriteTo(w.AsSpan(12)); return w; }));
        words.Add(Word((ulong)amounts.Length));
        words.AddRange(amounts.Select(a => a.ToBigEndian()));
        return [.. AbiSelector.BytesOf(signature), .. words.SelectMany(w => w)];
    }

    /// <summary>A bytes32 reference from text, as a bank would derive it from its core-banking id.</summary>
    public static Hash32 Reference(string text) => Ledger.Core.Crypto.Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(text));

    private static byte[] Word(ulong value) => new UInt256(value).ToBigEndian();
}
