using Ledger.Core.Genesis;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>
/// Everything a node needs to start, resolved from the command line: the genesis it serves, the validator's
/// private key, where its data lives and its options. <see cref="DataDirectoryIsTemporary"/> marks the fresh
/// folder <c>ledger dev</c> makes when no <c>--data</c> is given.
/// </summary>
public sealed record NodeLaunch(GenesisConfig Genesis, byte[] ValidatorKey, string DataDirectory, bool DataDirectoryIsTemporary, NodeOptions Options);
