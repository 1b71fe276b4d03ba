using Ledger.Api.V1;
using Ledger.Core.Primitives;

namespace Ledger.Wallet.Cli;

/// <summary>What to pay: from which account, to whom (address or contact), which token, how much.</summary>
/// <param name="Amount">Base units, once the token (and so its decimals) is known.</param>
/// <param name="ChainId">The chain a payment request (EIP-681 URI) names, checked against the node's.</param>
internal sealed record PaymentRequest(string Account, string To, string Token, Func<Token, UInt256> Amount, ulong? ChainId);
