using Ledger.Storage.Rocks;

namespace Ledger.Storage.Tests;

public sealed class RocksDbKeyValueStoreTests : KeyValueStoreContract
{
    private readonly TempDirectory _dir = new();
    private int _next;

    protected override IKeyValueStore CreateEmptyStore() => RocksDbKeyValueStore.Open(_dir.Sub($"db{_next++}"));

    public override void Dispose()
    {
        base.Dispose();
        _dir.Dispose();
    }
}
