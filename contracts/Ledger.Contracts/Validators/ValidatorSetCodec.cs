using System.Text;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;

namespace Ledger.Contracts.Validators;

/// <summary>
/// Storage encoding of a validator set: <c>rlp([[address, bank, host, grpcPort, rpcPort], ...])</c> in proposer order.
/// The endpoints travel with the set so every node can dial a validator that joined after genesis.
/// </summary>
public static class ValidatorSetCodec
{
    public static byte[] Encode(IReadOnlyList<ValidatorConfig> validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        var writer = new RlpWriter(64 * (validators.Count + 1));
        writer.StartList();
        foreach (var validator in validators)
        {
            writer.StartList()
                .WriteAddress(validator.Address)
                .WriteBytes(Encoding.UTF8.GetBytes(validator.Bank))
                .WriteBytes(Encoding.UTF8.GetBytes(validator.Host))
                .WriteUInt64((ulong)validator.GrpcPort)
                .WriteUInt64((ulong)validator.RpcPort)
                .EndList();
        }

        writer.EndList();
        return writer.ToArray();
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote; anything else is corrupted state (a bug), not a revert.</summary>
    public static IReadOnlyList<ValidatorConfig> Decode(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var outer = new RlpReader(encoded);
            var list = outer.ReadList();
            var result = new List<ValidatorConfig>();
            while (list.HasMore)
            {
                var item = list.ReadList();
                var address = item.ReadAddress();
                var bank = Encoding.UTF8.GetString(item.ReadBytes());
                var host = Encoding.UTF8.GetString(item.ReadBytes());
                var grpcPort = checked((int)item.ReadUInt64());
                var rpcPort = checked((int)item.ReadUInt64());
                item.EnsureFinished("a validator entry");
                result.Add(new ValidatorConfig(bank, address, host, grpcPort, rpcPort));
            }

            outer.EnsureFinished("a validator set");
            return result;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new InvalidOperationException($"the stored validator set is corrupted: {ex.Message}", ex);
        }
    }

    /// <summary><c>rlp([h1, h2, ...])</c>: the heights at which the set changed, ascending.</summary>
    public static byte[] EncodeHeights(IReadOnlyList<ulong> heights)
    {
        ArgumentNullException.ThrowIfNull(heights);
        var writer = new RlpWriter(9 * (heights.Count + 1));
        writer.StartList();
        foreach (var height in heights)
        {
            writer.WriteUInt64(height);
        }

        writer.EndList();
        return writer.ToArray();
    }

    public static List<ulong> DecodeHeights(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var outer = new RlpReader(encoded);
            var list = outer.ReadList();
            var result = new List<ulong>();
            while (list.HasMore)
            {
                result.Add(list.ReadUInt64());
            }

            return result;
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"the stored validator change heights are corrupted: {ex.Message}", ex);
        }
    }
}
