using Ledger.Execution.Modules;

namespace Ledger.Contracts;

/// <summary>
/// A module function that receives its ABI-encoded <paramref name="arguments"/> (calldata after the selector)
/// undecoded, for signatures with dynamic arrays. Same failure contract as <see cref="ModuleHandler"/>.
/// </summary>
public delegate byte[] RawModuleHandler(IModuleContext context, ReadOnlySpan<byte> arguments);
