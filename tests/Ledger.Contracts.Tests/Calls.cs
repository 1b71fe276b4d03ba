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
}
