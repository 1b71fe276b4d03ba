using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Ledger.Custody.Pkcs11;

/// <summary>
/// Pkcs11Interop 5.3 loads PKCS#11 modules through <c>dlopen</c> imported from "libdl". Since glibc 2.34 there is no
/// unversioned <c>libdl.so</c> (only <c>libdl.so.2</c>, and <c>dlopen</c> lives in libc), so without this resolver
/// loading any module fails with DllNotFoundException on current Debian and Ubuntu. Registered once per process.
/// </summary>
internal static class NativeLibraryNames
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) != 0)
        {
            return;
        }

        NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != "libdl" || !OperatingSystem.IsLinux())
        {
            return IntPtr.Zero; // default probing
        }

        foreach (var candidate in (string[])["libdl.so.2", "libc.so.6", "libdl.so"])
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }
}
