using Ledger.Consensus.Signing;
using Ledger.Core.Genesis;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>
/// Everything a node needs to start, resolved from the command line: the genesis it serves, the signer behind
/// everything the node signs (a local key, a decrypted keystore or a PKCS#11 token; owned by the command, which
/// disposes it after the run), where its data lives and its options. <see cref="DataDirectoryIsTemporary"/> marks the fresh
/// folder <c>ledger dev</c> makes when no <c>--data</c> is given.
/// </summary>
public sealed record NodeLaunch(GenesisConfig Genesis, IConsensusSigner Signer, string DataDirectory, bool DataDirectoryIsTemporary, NodeOptions Options);
