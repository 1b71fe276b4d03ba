using System.Text;
using Ledger.Custody.Files;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Ledger.Custody.Pkcs11;

/// <summary>
/// A logged-in PKCS#11 token: the module is loaded, the token found by label and the user logged in with the PIN from
/// the PIN file. One session stays open for the token's lifetime because PKCS#11 drops the login when an application's
/// last session closes; signing sessions are opened beside it and share the login.
/// </summary>
public sealed class Pkcs11Token : IDisposable
{
    private readonly Pkcs11Module _module;
    private readonly ISession _loginSession;
    private int _disposed;

    private Pkcs11Token(Pkcs11Module module, ISlot slot, ISession loginSession, string label)
    {
        _module = module;
        Slot = slot;
        _loginSession = loginSession;
        Label = label;
    }

    public string Label { get; }

    internal ISlot Slot { get; }

    internal static Net.Pkcs11Interop.HighLevelAPI.Factories.IObjectAttributeFactory Attributes =>
        Pkcs11Module.Factories.ObjectAttributeFactory;

    internal static Net.Pkcs11Interop.HighLevelAPI.Factories.IMechanismFactory Mechanisms =>
        Pkcs11Module.Factories.MechanismFactory;

    /// <summary>
    /// Loads the module, finds the token labelled <see cref="Pkcs11Settings.TokenLabel"/> and logs in. Throws
    /// <see cref="KeyCustodyException"/> for a missing module or token, an unreadable PIN file, or a refused PIN.
    /// </summary>
    public static Pkcs11Token Open(Pkcs11Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var pin = Encoding.UTF8.GetBytes(SecretFile.ReadSecret(settings.PinFile, "PKCS#11 PIN file"));
        var module = Pkcs11Module.Acquire(settings.ModulePath);
        try
        {
            var slot = FindSlot(module, settings);
            var session = slot.OpenSession(SessionType.ReadWrite);
            try
            {
                Login(session, pin, settings);
                return new Pkcs11Token(module, slot, session, settings.TokenLabel);
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }
        catch (Pkcs11Exception ex)
        {
            module.Dispose();
            throw new KeyCustodyException($"PKCS#11 token '{settings.TokenLabel}': {ex.Message}", ex);
        }
        catch
        {
            module.Dispose();
            throw;
        }
        finally
        {
            Array.Clear(pin);
        }
    }

    /// <summary>A new read-write session on the token, already logged in (the login belongs to the application).</summary>
    internal ISession OpenSession() => Slot.OpenSession(SessionType.ReadWrite);

    /// <summary>The objects of the token matching every attribute; runs on the login session under a lock.</summary>
    internal List<IObjectHandle> Find(List<IObjectAttribute> template)
    {
        lock (_loginSession)
        {
            return _loginSession.FindAllObjects(template);
        }
    }

    internal List<IObjectAttribute> Read(IObjectHandle handle, List<CKA> attributes)
    {
        lock (_loginSession)
        {
            return _loginSession.GetAttributeValue(handle, attributes);
        }
    }

    internal T WithLoginSession<T>(Func<ISession, T> action)
    {
        lock (_loginSession)
        {
            return action(_loginSession);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        lock (_loginSession)
        {
            _loginSession.Dispose();
        }

        _module.Dispose();
    }

    private static ISlot FindSlot(Pkcs11Module module, Pkcs11Settings settings)
    {
        var labels = new List<string>();
        foreach (var slot in module.Library.GetSlotList(SlotsType.WithTokenPresent))
        {
            var info = slot.GetTokenInfo();
            var label = info.Label.TrimEnd(' ', '\0');
            if (string.Equals(label, settings.TokenLabel, StringComparison.Ordinal))
            {
                return slot;
            }

            labels.Add(label.Length == 0 ? "(unlabelled)" : label);
        }

        throw new KeyCustodyException(labels.Count == 0
            ? $"PKCS#11 module '{settings.ModulePath}' has no token; initialise one (SoftHSM2: softhsm2-util --init-token --free --label {settings.TokenLabel})"
            : $"PKCS#11 module '{settings.ModulePath}' has no token labelled '{settings.TokenLabel}' (tokens: {string.Join(", ", labels)})");
    }

    private static void Login(ISession session, byte[] pin, Pkcs11Settings settings)
    {
        try
        {
            session.Login(CKU.CKU_USER, pin);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Another signer of this process opened the same token: the login is the application's, so it holds for us.
        }
        catch (Pkcs11Exception ex) when (ex.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE)
        {
            throw new KeyCustodyException(
                $"PKCS#11 token '{settings.TokenLabel}' refused the PIN in '{settings.PinFile}' ({ex.RV}); check the file (one line, the user PIN)", ex);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_PIN_LOCKED)
        {
            throw new KeyCustodyException(
                $"PKCS#11 token '{settings.TokenLabel}' has locked its user PIN after too many wrong tries; the security officer must reset it", ex);
        }
    }
}
