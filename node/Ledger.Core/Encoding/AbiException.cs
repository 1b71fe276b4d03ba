namespace Ledger.Core.Encoding;

/// <summary>
/// Calldata or return data that does not follow the Ethereum ABI for the function being decoded. The message
/// names the function and the argument (e.g. "argument 2 (amount): value does not fit uint8"), because modules
/// turn it into the revert reason a client sees.
/// </summary>
public sealed class AbiException(string message) : FormatException(message);
