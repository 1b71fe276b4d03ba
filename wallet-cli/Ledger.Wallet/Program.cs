using Ledger.Wallet.Cli;

return await WalletCli.InvokeAsync(args).ConfigureAwait(false);
