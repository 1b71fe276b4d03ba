using Ledger.Storage.Memory;

namespace Ledger.Storage.Tests;

public sealed class MemoryKeyValueStoreTests : KeyValueStoreContract
{
    protected override IKeyValueStore CreateEmptyStore() => new MemoryKeyValueStore();
}
