using System.Text.Json.Nodes;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Wallet.Cli.Bank;

/// <summary>What <c>bank identity</c> shows: the IdentityRegistry record and the Compliance freeze.</summary>
internal sealed record IdentityView(
    Address Account, string Bank, string Jurisdiction, byte KycLevel, ulong ExpiresAt, bool Revoked, string Lei, bool Verified, bool Frozen, string FrozenBy, string FreezeReason)
{
    public static IdentityView Decode(Address account, byte[] identity, byte[] verified, byte[] freeze)
    {
        var record = new AbiReader(identity, "identityOf");
        var bank = record.ReadString("bank");
        var jurisdiction = record.ReadString("jurisdiction");
        var kyc = record.ReadUInt8("kycLevel");
        var expires = record.ReadUInt64("expiresAt");
        var revoked = record.ReadBool("revoked");
        var lei = record.ReadString("lei");
        var isVerified = new AbiReader(verified, "isVerified").ReadBool("verified");
        var freezeReader = new AbiReader(freeze, "freezeOf");
        var frozen = freezeReader.ReadBool("frozen");
        var byRegulator = freezeReader.ReadBool("byRegulator");
        var by = freezeReader.ReadAddress("by");
        var reason = freezeReader.ReadString("reason");
        var frozenBy = !frozen ? string.Empty : byRegulator ? "the regulator" : by.ToChecksumString();
        return new IdentityView(account, bank, jurisdiction, kyc, expires, revoked, lei, isVerified, frozen, frozenBy, reason);
    }

    public JsonObject ToJson() => new()
    {
        ["customer"] = Account.ToChecksumString(),
        ["bank"] = Bank,
        ["jurisdiction"] = Jurisdiction,
        ["kycLevel"] = KycLevel,
        ["expiresAt"] = ExpiresAt,
        ["revoked"] = Revoked,
        ["lei"] = Lei.Length == 0 ? null : Lei,
        ["verified"] = Verified,
        ["frozen"] = Frozen,
        ["frozenBy"] = Frozen ? FrozenBy : null,
        ["freezeReason"] = Frozen ? FreezeReason : null,
    };

    public string ToText()
    {
        var state = Revoked ? "revoked" : Verified ? "verified" : "not verified (expired)";
        var text = $"{Account.ToChecksumString()}: {state}, registered by {Bank}, {Jurisdiction}, KYC level {KycLevel}, valid until {BankArguments.FormatTime(ExpiresAt)}";
        if (Lei.Length > 0)
        {
            text += $", LEI {Lei}";
        }

        return Frozen ? $"{text}\n  frozen by {FrozenBy}: {FreezeReason}" : text;
    }
}
