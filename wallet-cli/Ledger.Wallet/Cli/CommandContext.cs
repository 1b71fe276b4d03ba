using Ledger.Wallet.Client;

namespace Ledger.Wallet.Cli;

/// <summary>What every command builder needs: the global options and how to reach a node.</summary>
internal sealed record CommandContext(GlobalOptions Options, Func<WalletSession, ILedgerClient> Connect);
