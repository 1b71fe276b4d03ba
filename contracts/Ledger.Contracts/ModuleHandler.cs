using Ledger.Core.Encoding;
using Ledger.Execution.Modules;

namespace Ledger.Contracts;

/// <summary>
/// One module function: reads its arguments from <paramref name="args"/> and returns the ABI-encoded return
/// value (empty for none). Expected failures throw <see cref="RevertException"/> (or <see cref="AbiException"/>
/// from the reader); <see cref="ModuleBase"/> turns both into an <c>Error(string)</c> revert.
/// </summary>
public delegate byte[] ModuleHandler(IModuleContext context, ref AbiReader args);
