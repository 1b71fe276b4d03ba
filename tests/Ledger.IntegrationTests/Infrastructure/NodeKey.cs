using Ledger.Core.Primitives;

namespace Ledger.IntegrationTests.Infrastructure;

/// <summary>
/// A validator key other than a dev key file: its address (listed in the genesis), the `ledger run` flags that reach it
/// (<c>--keystore …</c> or <c>--pkcs11-*</c>) and the environment the node needs (a password variable, SOFTHSM2_CONF).
/// <see cref="Secret"/> is the password or PIN that unlocks it, for tests that check it never reaches a log.
/// </summary>
public sealed record NodeKey(Address Address, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string>? Environment = null)
{
    public string? Secret { get; init; }
}
