namespace Ledger.Contracts;

/// <summary>A registered module function: its canonical Solidity signature, selector, fixed gas cost and handler.</summary>
public sealed record ModuleFunction(string Signature, uint Selector, ulong Gas, bool IsView, RawModuleHandler Handler);
