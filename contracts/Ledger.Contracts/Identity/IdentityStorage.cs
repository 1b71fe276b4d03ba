using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Identity;

/// <summary>
/// The registry's storage layout, shared with the modules that read identities directly (a storage read is far
/// cheaper than a nested module call on the transfer path): tag 0x01 ‖ account → <see cref="IdentityRecord"/>.
/// </summary>
public static class IdentityStorage
{
    public const byte IdentityTag = 0x01;

    /// <summary>The stored identity record of <paramref name="account"/> in the registry at <paramref name="registry"/>, or null.</summary>
    public static byte[]? Load(IModuleContext context, Address registry, Address account)
    {
        ArgumentNullException.ThrowIfNull(context);
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, IdentityTag, account);
        return context.GetStorage(registry, key);
    }

    /// <summary>The bank index that registered <paramref name="account"/>, or −1 when it is not registered.</summary>
    public static int BankOf(IModuleContext context, Address registry, Address account) =>
        Load(context, registry, account) is { } stored ? IdentityRecord.BankOf(stored) : -1;

    public static void Store(IModuleContext context, Address account, IdentityRecord record)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(record);
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, IdentityTag, account);
        context.SetStorage(key, record.Encode());
    }
}
