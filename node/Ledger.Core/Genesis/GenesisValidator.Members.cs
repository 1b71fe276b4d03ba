using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

internal sealed partial class GenesisValidator
{
    /// <summary>Members: a bank of the consortium, a real address, no duplicates, and not a validator (a node has one role).</summary>
    private void CheckMembers()
    {
        if (_config.Members.Count > GenesisRules.MaxMembers)
        {
            Error($"{Root}.members", $"lists {_config.Members.Count} member nodes; at most {GenesisRules.MaxMembers} are allowed");
        }

        var validators = _config.Validators.Select(v => v.Address).ToHashSet();
        var seen = new HashSet<Address>();
        for (var i = 0; i < _config.Members.Count; i++)
        {
            var member = _config.Members[i];
            var at = $"{Root}.members[{i}]";
            CheckBankReference($"{at}.bank", member.Bank);
            if (member.Address.IsZero)
            {
                Error($"{at}.address", "must not be the zero address");
            }
            else if (validators.Contains(member.Address))
            {
                Error($"{at}.address", $"{member.Address.ToChecksumString()} is a validator; a validator already peers, list it once");
            }
            else if (!seen.Add(member.Address))
            {
                Error($"{at}.address", $"{member.Address.ToChecksumString()} is already a member");
            }
        }
    }
}
