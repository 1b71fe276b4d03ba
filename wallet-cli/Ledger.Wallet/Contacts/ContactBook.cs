using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;
using Ledger.Wallet.Keys;

namespace Ledger.Wallet.Contacts;

/// <summary>
/// Local contacts (name → address) in <c>WALLET_DIR/contacts.json</c>, so <c>send --to bob</c> works. Written to a
/// temporary file and moved over the old one, so a crash mid-write never loses the book.
/// </summary>
public sealed class ContactBook
{
    private readonly string _path;

    public ContactBook(string walletDirectory)
    {
        ArgumentNullException.ThrowIfNull(walletDirectory);
        _path = Path.Combine(walletDirectory, "contacts.json");
    }

    public SortedDictionary<string, Address> Load()
    {
        var contacts = new SortedDictionary<string, Address>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(_path))
        {
            return contacts;
        }

        try
        {
            foreach (var (name, value) in JsonNode.Parse(File.ReadAllText(_path))!.AsObject())
            {
                contacts[name] = Address.TryParse(value?.GetValue<string>(), out var address)
                    ? address
                    : throw new WalletException($"{_path}: contact '{name}' has no valid address; fix or remove it");
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new WalletException($"{_path} is not a contacts file ({ex.Message}); fix or delete it", ex);
        }

        return contacts;
    }

    public void Add(string name, Address address)
    {
        if (!WalletStore.IsValidName(name) || name.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            throw WalletException.Usage($"'{name}' is not a usable contact name (1-64 letters, digits, '-', '_' or '.', not starting with 0x)");
        }

        var contacts = Load();
        if (contacts.TryGetValue(name, out var existing))
        {
            throw WalletException.Usage($"a contact named '{name}' already exists ({existing.ToChecksumString()}); remove it first");
        }

        contacts[name] = address;
        Save(contacts);
    }

    public void Remove(string name)
    {
        var contacts = Load();
        if (!contacts.Remove(name))
        {
            throw WalletException.Usage($"no contact '{name}'");
        }

        Save(contacts);
    }

    /// <summary>An address, or a contact's name resolved to its address.</summary>
    public Address Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return Lookup.ParseAddress(text, "recipient");
        }

        return Load().TryGetValue(text, out var address)
            ? address
            : throw WalletException.Usage($"'{text}' is neither a 0x address nor a contact (add it with `contacts add --name {text} --address 0x…`)");
    }

    private void Save(SortedDictionary<string, Address> contacts)
    {
        var json = new JsonObject();
        foreach (var (name, address) in contacts)
        {
            json[name] = address.ToChecksumString();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, _path, overwrite: true);
    }
}
