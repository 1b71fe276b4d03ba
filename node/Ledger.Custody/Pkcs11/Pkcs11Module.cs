using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Ledger.Custody.Pkcs11;

/// <summary>
/// One loaded PKCS#11 module per path and process, shared by every token opened from it. C_Initialize and C_Finalize are
/// process-wide in a module, so two independent loads would finalize each other's sessions: the library is loaded on
/// the first open and finalized when the last user disposes it.
/// </summary>
internal sealed class Pkcs11Module : IDisposable
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Pkcs11Module> Loaded = new(StringComparer.Ordinal);
    private readonly string _path;
    private int _users;

    private Pkcs11Module(string path, IPkcs11Library library)
    {
        _path = path;
        Library = library;
    }

    public static Pkcs11InteropFactories Factories { get; } = new();

    public IPkcs11Library Library { get; }

    /// <summary>The module at <paramref name="path"/>, loaded on first use; dispose once per call.</summary>
    public static Pkcs11Module Acquire(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        NativeLibraryNames.Register();
        lock (Gate)
        {
            if (!Loaded.TryGetValue(fullPath, out var module))
            {
                if (!File.Exists(fullPath))
                {
                    throw new KeyCustodyException($"PKCS#11 module '{fullPath}' does not exist (for SoftHSM2 on Debian: apt-get install softhsm2, module /usr/lib/softhsm/libsofthsm2.so)");
                }

                IPkcs11Library library;
                try
                {
                    library = Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, fullPath, AppType.MultiThreaded);
                }
                catch (Exception ex) when (ex is Pkcs11Exception or UnmanagedException or DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
                {
                    throw new KeyCustodyException($"cannot load PKCS#11 module '{fullPath}': {ex.Message}", ex);
                }

                module = new Pkcs11Module(fullPath, library);
                Loaded[fullPath] = module;
            }

            module._users++;
            return module;
        }
    }

    public void Dispose()
    {
        lock (Gate)
        {
            if (_users == 0)
            {
                return;
            }

            if (--_users == 0)
            {
                Loaded.Remove(_path);
                Library.Dispose(); // C_Finalize: closes every session this process still had on the module
            }
        }
    }
}
