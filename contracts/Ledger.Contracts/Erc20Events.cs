using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts;

/// <summary>
/// The two ERC-20 events, encoded exactly as a Solidity token emits them, so indexers and ethers' event
/// filters work unchanged: <c>Transfer(address indexed from, address indexed to, uint256 value)</c> and
/// <c>Approval(address indexed owner, address indexed spender, uint256 value)</c>.
/// </summary>
public static class Erc20Events
{
    public static EventDefinition Transfer { get; } = new("Transfer(address,address,uint256)");

    public static EventDefinition Approval { get; } = new("Approval(address,address,uint256)");

    /// <summary>Emits Transfer; mints come from and burns go to the zero address, as ERC-20 requires.</summary>
    public static void EmitTransfer(IModuleContext context, Address from, Address to, UInt256 value) =>
        context.EmitLog(
            [Transfer.Topic0, AbiTopic.FromAddress(from), AbiTopic.FromAddress(to)],
            AbiWriter.EncodeUInt256(value));

    public static void EmitApproval(IModuleContext context, Address owner, Address spender, UInt256 value) =>
        context.EmitLog(
            [Approval.Topic0, AbiTopic.FromAddress(owner), AbiTopic.FromAddress(spender)],
            AbiWriter.EncodeUInt256(value));
}
