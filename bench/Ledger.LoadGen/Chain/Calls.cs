using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.LoadGen.Chain;

/// <summary>ABI calldata for the deposit token and identity registry functions the bench and tests call.</summary>
public static class Calls
{
    public static byte[] Transfer(Address to, UInt256 amount) =>
        new AbiWriter(2).WriteAddress(to).WriteUInt256(amount).ToCallData("transfer(address,uint256)");

    public static byte[] Mint(Address to, UInt256 amount) =>
        new AbiWriter(2).WriteAddress(to).WriteUInt256(amount).ToCallData("mint(address,uint256)");

    public static byte[] BalanceOf(Address owner) =>
        new AbiWriter(1).WriteAddress(owner).ToCallData("balanceOf(address)");

    public static byte[] TotalSupply() => new AbiWriter(0).ToCallData("totalSupply()");

    public static byte[] RegisterIdentity(Address account, string jurisdiction, byte kycLevel, ulong expiresAt) =>
        new AbiWriter(4)
            .WriteAddress(account)
            .WriteString(jurisdiction)
            .WriteUInt8(kycLevel)
            .WriteUInt64(expiresAt)
            .ToCallData("registerIdentity(address,string,uint8,uint64)");

    public static byte[] IsVerified(Address account) =>
        new AbiWriter(1).WriteAddress(account).ToCallData("isVerified(address)");
}
