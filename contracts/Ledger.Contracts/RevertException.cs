namespace Ledger.Contracts;

/// <summary>
/// A Solidity-style <c>revert(reason)</c> inside a module handler. It never leaves the module:
/// <see cref="ModuleBase"/> catches it and returns a revert whose <c>Error(string)</c> is the message, so the
/// message must tell the caller what to change ("transfer amount 150.00 USDA exceeds balance 100.00 USDA of 0x…").
/// </summary>
public sealed class RevertException(string reason) : Exception(reason);
