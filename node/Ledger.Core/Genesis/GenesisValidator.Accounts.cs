using System.Numerics;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Core.Genesis;

internal sealed partial class GenesisValidator
{
    private readonly HashSet<Address> _identities = [];

    private void CheckIdentities()
    {
        var genesisSeconds = _config.TimestampMs / 1000;
        for (var i = 0; i < _config.Identities.Count; i++)
        {
            var identity = _config.Identities[i];
            var at = $"{Root}.identities[{i}]";
            if (identity.Address.IsZero)
            {
                Error($"{at}.address", "must not be the zero address");
            }
            else if (_moduleAddresses.Contains(identity.Address) || _tokenAddresses.Contains(identity.Address))
            {
                Error($"{at}.address", $"{identity.Address.ToChecksumString()} is a module or token address, not an account");
            }
            else if (!_identities.Add(identity.Address))
            {
                Error($"{at}.address", $"{identity.Address.ToChecksumString()} is already registered");
            }

            CheckBankReference($"{at}.bank", identity.Bank);
            CheckJurisdiction($"{at}.jurisdiction", identity.Jurisdiction);
            if (identity.KycLevel > GenesisRules.MaxKycLevel)
            {
                Error($"{at}.kycLevel", $"must be between 0 and {GenesisRules.MaxKycLevel}");
            }

            if (identity.ExpiresAt <= genesisSeconds)
            {
                Error($"{at}.expiresAt", $"{identity.ExpiresAt} (unix seconds) is not after the genesis time {genesisSeconds}: the identity would be born expired");
            }
        }
    }

    private void CheckAllocations()
    {
        // (account, symbol) → where it was first allocated; token symbol → running total supply in base units.
        var allocated = new Dictionary<(Address, string), int>();
        var supply = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        var max = UInt256.MaxValue.ToBigInteger();
        for (var i = 0; i < _config.Allocations.Count; i++)
        {
            var allocation = _config.Allocations[i];
            var at = $"{Root}.allocations[{i}]";
            var amountValid = GenesisRules.IsPositiveInteger(allocation.Amount);
            if (!amountValid)
            {
                Error($"{at}.amount", $"'{allocation.Amount}' must be a positive whole number of units written as digits (e.g. \"1000000\")");
            }

            if (allocation.Accounts.Count == 0)
            {
                Error($"{at}.accounts", "must list at least one account");
            }

            if (allocation.Tokens.Count == 0)
            {
                Error($"{at}.tokens", "must list at least one token symbol");
            }

            for (var a = 0; a < allocation.Accounts.Count; a++)
            {
                if (!_identities.Contains(allocation.Accounts[a]))
                {
                    Error($"{at}.accounts[{a}]", $"{allocation.Accounts[a].ToChecksumString()} is not in genesis.identities (only registered accounts may hold tokens)");
                }
            }

            for (var t = 0; t < allocation.Tokens.Count; t++)
            {
                var symbol = allocation.Tokens[t];
                if (!_tokens.TryGetValue(symbol, out var token))
                {
                    Error($"{at}.tokens[{t}]", $"'{symbol}' is not a token symbol in genesis.tokens");
                    continue;
                }

                for (var a = 0; a < allocation.Accounts.Count; a++)
                {
                    if (!allocated.TryAdd((allocation.Accounts[a], symbol), i))
                    {
                        Error($"{at}.accounts[{a}]", $"{allocation.Accounts[a].ToChecksumString()} already receives {symbol} in allocations[{allocated[(allocation.Accounts[a], symbol)]}]");
                    }
                }

                if (!amountValid)
                {
                    continue;
                }

                var each = BigInteger.Parse(allocation.Amount, System.Globalization.CultureInfo.InvariantCulture) * BigInteger.Pow(10, token.Decimals);
                if (each > max)
                {
                    Error($"{at}.amount", $"{allocation.Amount} × 10^{token.Decimals} ({symbol} decimals) does not fit in uint256");
                    continue;
                }

                var total = supply.GetValueOrDefault(symbol) + each * allocation.Accounts.Count;
                supply[symbol] = total;
                if (total > max)
                {
                    Error($"{at}.amount", $"the total genesis supply of {symbol} would exceed uint256");
                }
            }
        }
    }

    private void CheckConsensus()
    {
        var c = _config.Consensus;
        var at = $"{Root}.consensus";
        Range($"{at}.blockIntervalMs", c.BlockIntervalMs, 1, 60_000);
        Range($"{at}.emptyBlockIntervalSeconds", c.EmptyBlockIntervalSeconds, 0, 86_400);
        Range($"{at}.roundTimeoutMs", c.RoundTimeoutMs, 10, 600_000);
        Range($"{at}.maxRoundTimeoutMs", c.MaxRoundTimeoutMs, 10, 3_600_000);
        if (c.MaxRoundTimeoutMs < c.RoundTimeoutMs)
        {
            Error($"{at}.maxRoundTimeoutMs", $"{c.MaxRoundTimeoutMs} must not be below roundTimeoutMs ({c.RoundTimeoutMs})");
        }

        if (c.BlockGasLimit < 21_000)
        {
            Error($"{at}.blockGasLimit", $"{c.BlockGasLimit} must be at least 21000 (the gas of the smallest transaction)");
        }

        Range($"{at}.maxTransactionsPerBlock", c.MaxTransactionsPerBlock, 1, 1_000_000);

        // The decoder refuses anything longer, so a larger limit would promise what no node accepts.
        Range($"{at}.maxTransactionBytes", c.MaxTransactionBytes, 128, TransactionDecoder.MaxEncodedLength);
        if (BlockLimits.CheckMaxBlockBytes(c.MaxBlockBytes, c.MaxTransactionBytes) is { } blockBytesError)
        {
            Error($"{at}.maxBlockBytes", blockBytesError);
        }

        // Calldata is priced (16 gas per non-zero byte): a transaction of maxTransactionBytes must still fit a block.
        var largest = TransactionGas.MaxIntrinsic(c.MaxTransactionBytes);
        if (c.BlockGasLimit >= 21_000 && c.BlockGasLimit < largest)
        {
            Error(
                $"{at}.blockGasLimit",
                $"{c.BlockGasLimit} is below {largest}, the intrinsic gas of a maxTransactionBytes ({c.MaxTransactionBytes}) transaction "
                + $"(21000 + {TransactionGas.NonZeroByte} per byte); raise blockGasLimit or lower maxTransactionBytes");
        }
    }

    private void Range(string path, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Error(path, $"{value} must be between {min} and {max}");
        }
    }
}
