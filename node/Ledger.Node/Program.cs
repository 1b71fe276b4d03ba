using System.CommandLine;
using Ledger.Node.Cli;
using Ledger.Node.Hosting;

// SIGINT/SIGTERM are left to the host (graceful stop: finish the in-flight commit, close RocksDB), so
// System.CommandLine's own termination handling, which would force an exit after 2 s, is off.
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await LedgerCli.Create(NodeHost.RunAsync).Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
