using Ledger.Core.Primitives;

namespace Ledger.Wallet.Keys;

/// <summary>An account in the wallet folder: its name, address and keystore file.</summary>
public sealed record StoredAccount(string Name, Address Address, string KeyStorePath);
