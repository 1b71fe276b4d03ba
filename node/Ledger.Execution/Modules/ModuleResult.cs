using System.Buffers.Binary;

namespace Ledger.Execution.Modules;

/// <summary>The result of a module call: output bytes, or a revert with an Error(string) reason.</summary>
public readonly record struct ModuleResult(bool Success, byte[] Output, ulong GasUsed, string? RevertReason)
{
    /// <summary>Selector of Solidity's <c>Error(string)</c>: 0x08c379a0.</summary>
    public static ReadOnlySpan<byte> ErrorSelector => [0x08, 0xc3, 0x79, 0xa0];

    public static ModuleResult Ok(byte[] output, ulong gasUsed) => new(true, output, gasUsed, null);

    /// <summary>A revert whose output is the ABI encoding of <c>Error(reason)</c>, as geth returns it.</summary>
    public static ModuleResult Revert(string reason, ulong gasUsed) => new(false, EncodeError(reason), gasUsed, reason);

    public static byte[] EncodeError(string reason)
    {
        var text = System.Text.Encoding.UTF8.GetBytes(reason);
        var paddedLength = (text.Length + 31) / 32 * 32;
        var output = new byte[4 + 32 + 32 + paddedLength];
        ErrorSelector.CopyTo(output);
        output[4 + 31] = 0x20;
        BinaryPrimitives.WriteUInt64BigEndian(output.AsSpan(4 + 32 + 24), (ulong)text.Length);
        text.CopyTo(output, 4 + 64);
        return output;
    }
}
