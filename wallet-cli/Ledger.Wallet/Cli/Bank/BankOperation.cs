using System.Text.Json.Nodes;
using Ledger.Core.Primitives;

namespace Ledger.Wallet.Cli.Bank;

/// <summary>One operator action ready to sign: the call, what the confirmation shows, what is printed when done.</summary>
internal sealed record BankOperation(Address To, byte[] Data, string Summary, string Done, JsonObject? Extra = null);
