using System.CommandLine;
using Ledger.Custody.Pkcs11;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>The four <c>--pkcs11-*</c> flags of the <c>ledger key</c> commands (same names as on <c>ledger run</c>).</summary>
internal sealed class Pkcs11KeyOptions
{
    private readonly Option<FileInfo> _module = new("--pkcs11-module") { Description = "PKCS#11 module of the HSM (e.g. /usr/lib/softhsm/libsofthsm2.so)." };

    private readonly Option<string> _token = new("--pkcs11-token") { Description = "Label of the token." };

    private readonly Option<string> _key = new("--pkcs11-key") { Description = "Label of the key pair." };

    private readonly Option<FileInfo> _pinFile = new("--pkcs11-pin-file") { Description = "File holding the token's user PIN (one line; mode 0600)." };

    public void AddTo(Command command, bool required)
    {
        foreach (var option in new Option[] { _module, _token, _key, _pinFile })
        {
            option.Required = required;
            command.Options.Add(option);
        }
    }

    public bool IsGiven(ParseResult parse) =>
        parse.GetResult(_module) is not null || parse.GetResult(_token) is not null || parse.GetResult(_key) is not null || parse.GetResult(_pinFile) is not null;

    /// <summary>The settings; a <see cref="NodeConfigurationException"/> names any of the four that is missing.</summary>
    public Pkcs11Settings Settings(ParseResult parse)
    {
        var settings = new ValidatorKeySettings
        {
            Pkcs11Module = parse.GetValue(_module)?.FullName,
            Pkcs11Token = parse.GetValue(_token),
            Pkcs11Key = parse.GetValue(_key),
            Pkcs11PinFile = parse.GetValue(_pinFile)?.FullName,
        };
        settings.Validate();
        return new Pkcs11Settings(settings.Pkcs11Module!, settings.Pkcs11Token!, settings.Pkcs11Key!, settings.Pkcs11PinFile!);
    }
}
