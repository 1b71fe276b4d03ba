using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

internal sealed partial class GenesisValidator
{
    /// <summary>
    /// One key, one role: a key that is both a bank's operator and the regulator (or an officer of two banks)
    /// would let one bank act with another's or the regulator's powers, which the role model forbids.
    /// </summary>
    private void CheckCompliance()
    {
        var compliance = _config.Compliance;
        var at = $"{Root}.compliance";
        var roles = new Dictionary<Address, string>();
        foreach (var bank in _config.Banks)
        {
            roles.TryAdd(bank.Operator, $"the operator of bank '{bank.Id}'");
        }

        if (compliance.Regulator is { } regulator)
        {
            if (regulator.IsZero)
            {
                Error($"{at}.regulator", "must not be the zero address");
            }
            else if (!roles.TryAdd(regulator, "the regulator"))
            {
                Error($"{at}.regulator", $"{regulator.ToChecksumString()} is already {roles[regulator]}; the regulator needs its own key");
            }
        }

        for (var i = 0; i < compliance.ComplianceOfficers.Count; i++)
        {
            var officer = compliance.ComplianceOfficers[i];
            var path = $"{at}.complianceOfficers[{i}]";
            CheckBankReference($"{path}.bank", officer.Bank);
            if (officer.Address.IsZero)
            {
                Error($"{path}.address", "must not be the zero address");
            }
            else if (!roles.TryAdd(officer.Address, $"a compliance officer of bank '{officer.Bank}'"))
            {
                Error($"{path}.address", $"{officer.Address.ToChecksumString()} is already {roles[officer.Address]}; one key holds one role");
            }
        }

        var corridors = new HashSet<(string, string)>();
        for (var i = 0; i < compliance.Corridors.Count; i++)
        {
            var corridor = compliance.Corridors[i];
            var path = $"{at}.corridors[{i}]";
            CheckJurisdiction($"{path}[0]", corridor.JurisdictionA);
            CheckJurisdiction($"{path}[1]", corridor.JurisdictionB);
            if (corridor.JurisdictionA == corridor.JurisdictionB)
            {
                Error(path, $"'{corridor.JurisdictionA}' to itself is not cross-border; transfers within a jurisdiction need no corridor");
                continue;
            }

            var pair = string.CompareOrdinal(corridor.JurisdictionA, corridor.JurisdictionB) < 0
                ? (corridor.JurisdictionA, corridor.JurisdictionB)
                : (corridor.JurisdictionB, corridor.JurisdictionA);
            if (!corridors.Add(pair))
            {
                Error(path, $"the corridor {pair.Item1}–{pair.Item2} is listed twice (a corridor works in both directions)");
            }
        }

        CheckFourEyes(compliance.FourEyes, $"{at}.fourEyes");
    }

    private void CheckFourEyes(FourEyesConfig fourEyes, string at)
    {
        if (fourEyes.RequestTtlSeconds == 0 || fourEyes.RequestTtlSeconds > FourEyesConfig.MaxSeconds)
        {
            Error($"{at}.requestTtlSeconds", $"must be between 1 and {FourEyesConfig.MaxSeconds} (90 days), got {fourEyes.RequestTtlSeconds}");
        }

        if (fourEyes.RecoveryDelaySeconds > FourEyesConfig.MaxSeconds)
        {
            Error($"{at}.recoveryDelaySeconds", $"must be at most {FourEyesConfig.MaxSeconds} (90 days), got {fourEyes.RecoveryDelaySeconds}");
        }

        if (!IsWholeUnits(fourEyes.MintThreshold))
        {
            Error($"{at}.mintThreshold", $"'{fourEyes.MintThreshold}' must be a whole number of units written as digits (e.g. \"1000000\"; \"0\" sends every mint to a second officer)");
        }

        foreach (var (symbol, amount) in fourEyes.MintThresholds)
        {
            if (!_tokens.ContainsKey(symbol))
            {
                Error($"{at}.mintThresholds.{symbol}", $"'{symbol}' is not the symbol of a token in tokens");
            }

            if (!IsWholeUnits(amount))
            {
                Error($"{at}.mintThresholds.{symbol}", $"'{amount}' must be a whole number of units written as digits (e.g. \"250000\")");
            }
        }
    }

    private static bool IsWholeUnits(string amount) => amount == "0" || GenesisRules.IsPositiveInteger(amount);
}
