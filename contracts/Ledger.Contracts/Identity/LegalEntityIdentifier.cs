namespace Ledger.Contracts.Identity;

/// <summary>ISO 17442 legal entity identifiers: 20 characters A–Z/0–9 whose last two are ISO 7064 MOD 97-10 check digits.</summary>
public static class LegalEntityIdentifier
{
    public const int Length = 20;

    /// <summary>True for a well-formed LEI with correct check digits, e.g. "5493001KJTIIGC8Y1R12".</summary>
    public static bool IsValid(string lei)
    {
        ArgumentNullException.ThrowIfNull(lei);
        if (lei.Length != Length)
        {
            return false;
        }

        // Letters count as two digits (A = 10 … Z = 35); the whole number mod 97 must be 1, computed digit by digit.
        var remainder = 0;
        foreach (var c in lei)
        {
            if (c is >= '0' and <= '9')
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                var value = c - 'A' + 10;
                remainder = ((remainder * 100) + value) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }
}
