using Ledger.Core.Records;
using Ledger.JsonRpc;

namespace Ledger.Node.Backend;

public sealed partial class LedgerBackend
{
    /// <summary>A page of the account index (ledger_getAccountHistory and the gRPC GetHistory); never reads a block.</summary>
    public AccountHistoryPage GetAccountHistory(AccountHistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (_chain.Accounts is null)
        {
            throw new JsonRpcException(JsonRpcErrorCode.InvalidInput, "this node keeps no account index");
        }

        return _chain.GetAccountHistory(query);
    }
}
