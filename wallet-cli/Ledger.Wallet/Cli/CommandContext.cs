using Ledger.Wallet.Client;

namespace Ledger.Wallet.Cli;

/// <summary>What every command builder needs: the global options, how to reach a node, and the person at the terminal.</summary>
internal sealed record CommandContext(GlobalOptions Options, Func<WalletSession, ILedgerClient> Connect, ITerminal Terminal);
