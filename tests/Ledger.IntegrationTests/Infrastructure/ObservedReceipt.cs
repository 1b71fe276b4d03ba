namespace Ledger.IntegrationTests.Infrastructure;

/// <summary>A receipt a client saw before a crash: the node had reported this transaction final.</summary>
public sealed record ObservedReceipt(string TransactionHash, string BlockHash, ulong BlockNumber, ulong Status);
