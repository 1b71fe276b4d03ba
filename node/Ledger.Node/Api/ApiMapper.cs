using Google.Protobuf;
using Ledger.Api.V1;
using Ledger.Core.Chain;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.JsonRpc;

namespace Ledger.Node.Api;

/// <summary>Conversions between the node's types and the API messages, and parsing of request fields.</summary>
internal static class ApiMapper
{
    private const uint ErrorSelector = 0x08c379a0;

    public static Token ToMessage(TokenInfo token) => new()
    {
        Address = token.Address.ToChecksumString(),
        Symbol = token.Symbol,
        Name = token.Name,
        Currency = token.Currency,
        Decimals = token.Decimals,
        Issuer = token.Issuer,
    };

    public static BlockInfo ToMessage(Block block)
    {
        var header = block.Header;
        var info = new BlockInfo
        {
            Number = header.Number,
            Hash = header.Hash.ToString(),
            ParentHash = header.ParentHash.ToString(),
            TimestampMs = header.TimestampMs,
            Proposer = header.Proposer.ToChecksumString(),
            StateRoot = header.StateRoot.ToString(),
            GasUsed = header.GasUsed,
            GasLimit = header.GasLimit,
            CommitSeals = (uint)(block.Certificate?.Seals.Count ?? 0),
        };
        foreach (var tx in block.Transactions)
        {
            info.TransactionHashes.Add(tx.Hash.ToString());
        }

        return info;
    }

    public static TransactionReceipt ToMessage(TransactionLocation location)
    {
        var tx = location.Transaction;
        var receipt = location.Receipt;
        var message = new TransactionReceipt
        {
            TransactionHash = receipt.TransactionHash.ToString(),
            Success = receipt.Success,
            BlockNumber = location.Header.Number,
            BlockHash = location.Header.Hash.ToString(),
            TransactionIndex = (uint)location.Index,
            GasUsed = receipt.GasUsed,
            From = tx.Sender.ToChecksumString(),
            To = tx.To?.ToChecksumString() ?? string.Empty,
            RevertReason = receipt.Success ? string.Empty : RevertReason(receipt.RevertData),
            TimestampMs = location.Header.TimestampMs,
        };
        foreach (var log in receipt.Logs)
        {
            var record = new LogRecord { Address = log.Address.ToChecksumString(), Data = Hex.Encode(log.Data) };
            foreach (var topic in log.Topics)
            {
                record.Topics.Add(topic.ToString());
            }

            message.Logs.Add(record);
        }

        return message;
    }

    /// <summary>The text of an ABI <c>Error(string)</c>, or a plain fallback for other revert data.</summary>
    public static string RevertReason(byte[] revertData)
    {
        if (revertData.Length >= AbiSelector.Length && AbiSelector.Read(revertData) == ErrorSelector)
        {
            try
            {
                return new AbiReader(revertData.AsSpan(AbiSelector.Length), "Error").ReadString("reason");
            }
            catch (AbiException)
            {
                // Malformed reason: fall through to the generic text.
            }
        }

        return revertData.Length == 0 ? "reverted" : $"reverted with data {Hex.Encode(revertData)}";
    }

    public static Address ParseAddress(string text, string field) =>
        Address.TryParse(text, out var address)
            ? address
            : throw ApiErrors.InvalidArgument($"{field} '{text}' is not an address (expected 0x followed by 40 hex digits)");

    public static Hash32 ParseHash(string text, string field) =>
        Hash32.TryParse(text, out var hash)
            ? hash
            : throw ApiErrors.InvalidArgument($"{field} '{text}' is not a hash (expected 0x followed by 64 hex digits)");

    public static ByteString Bytes(ReadOnlySpan<byte> bytes) => ByteString.CopyFrom(bytes);
}
