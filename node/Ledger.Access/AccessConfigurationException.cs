namespace Ledger.Access;

/// <summary>Access settings that cannot work (a missing key file, a weak secret, an unknown role): a setup error at start.</summary>
public sealed class AccessConfigurationException : Exception
{
    public AccessConfigurationException()
    {
    }

    public AccessConfigurationException(string message)
        : base(message)
    {
    }

    public AccessConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
