using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

/// <summary>
/// Who may call what: one row per (role, action), with the event a permitted call emits or the reason a
/// refused one reverts with. Dev keys: 0/1 operators of banks A/B, 15/16 their compliance officers, 14 the
/// regulator, 2–5 customers (even at bank A, odd at bank B), 20 a fresh key. USDA is bank A's, EURB bank B's.
/// </summary>
public sealed class RoleAuthorizationTests : IDisposable
{
    private static readonly Address Usda = TestGenesis.Usda;
    private static readonly Address Eurb = TestGenesis.Eurb;
    private static readonly Address Compliance = TestGenesis.Compliance;
    private static readonly Address Registry = TestGenesis.Registry;
    private static readonly ulong Expiry = TestGenesis.IdentityExpiry;

    private static readonly Dictionary<string, Row> Rows = new()
    {
        // Compliance officers: granted by the bank's operator, for that bank only.
        ["operator grants a compliance officer"] = Allowed(0, Compliance, Calls.Encode("grantComplianceOfficer(address)", Dev(20)), "RoleGranted"),
        ["officer cannot grant officers"] = Refused(15, Compliance, Calls.Encode("grantComplianceOfficer(address)", Dev(20)),
            $"only a bank operator may grant the compliance officer role; {C(15)} is not the operator of any bank"),
        ["a key with a role cannot take another"] = Refused(0, Compliance, Calls.Encode("grantComplianceOfficer(address)", Dev(16)),
            $"{C(16)} already works for Bank B (bank-b); a compliance officer needs its own key"),
        ["operator cannot revoke another bank's officer"] = Refused(0, Compliance, Calls.Encode("revokeComplianceOfficer(address)", Dev(16)),
            $"{C(16)} is not a compliance officer of Bank A (bank-a)"),
        ["operator revokes its own officer"] = Allowed(0, Compliance, Calls.Encode("revokeComplianceOfficer(address)", Dev(15)), "RoleRevoked"),

        // Issuers: granted per token by the issuing bank's operator.
        ["issuing bank's operator grants an issuer"] = Allowed(0, Compliance, Calls.Encode("grantIssuer(address,address)", Usda, Dev(20)), "RoleGranted"),
        ["another bank cannot grant an issuer"] = Refused(1, Compliance, Calls.Encode("grantIssuer(address,address)", Usda, Dev(20)),
            $"only the operator of Bank A (bank-a), which issues USDA, may grant its issuer role; the caller is {C(1)}"),

        // Identities: the bank's operator and officers, for their own customers.
        ["officer registers a customer"] = Allowed(15, Registry, Calls.RegisterIdentity(Dev(20), "US", 2, Expiry), "IdentityRegistered"),
        ["officer cannot revoke another bank's customer"] = Refused(15, Registry, Calls.RevokeIdentity(Dev(3)),
            $"only the operator or a compliance officer of Bank B (bank-b) may revoke {C(3)}; the caller {C(15)} is not"),
        ["regulator cannot register customers"] = Refused(14, Registry, Calls.RegisterIdentity(Dev(20), "US", 2, Expiry),
            $"only a bank operator or compliance officer may register identities; {C(14)} is neither"),
        ["another bank cannot recover a customer"] = Refused(1, Registry, Calls.Encode("recoverAccount(address,address)", Dev(2), Dev(20)),
            $"only the operator or a compliance officer of Bank A (bank-a) may recover {C(2)}; the caller {C(1)} is not"),

        // Freezes: the account's bank, or the regulator anywhere.
        ["officer freezes its bank's customer"] = Allowed(15, Compliance, Calls.Encode("freezeAccount(address,string)", Dev(2), "case 1"), "AccountFrozen"),
        ["regulator freezes any customer"] = Allowed(14, Compliance, Calls.Encode("freezeAccount(address,string)", Dev(3), "case 2"), "AccountFrozen"),
        ["another bank's officer cannot freeze"] = Refused(16, Compliance, Calls.Encode("freezeAccount(address,string)", Dev(2), "case 3"),
            $"only the operator or a compliance officer of Bank A (bank-a) or the regulator may freeze {C(2)}; the caller {C(16)} is neither"),
        ["a customer cannot freeze"] = Refused(4, Compliance, Calls.Encode("freezeAccount(address,string)", Dev(2), "case 4"),
            $"only the operator or a compliance officer of Bank A (bank-a) or the regulator may freeze {C(2)}; the caller {C(4)} is neither"),
        ["a freeze needs a reason"] = Refused(15, Compliance, Calls.Encode("freezeAccount(address,string)", Dev(2), " "),
            "a freeze needs a reason of 1 to 256 bytes (e.g. a case or court order reference); it is shown to the account holder"),

        // Limits: account limits by the account's bank, jurisdiction limits by the token's bank; the regulator both.
        ["account limit by the account's bank"] = Allowed(16, Compliance,
            Calls.Encode("setAccountLimits(address,address,uint256,uint256,uint256)", Usda, Dev(3), 100, 1_000, 0), "AccountLimitsSet"),
        ["account limit by another bank"] = Refused(16, Compliance,
            Calls.Encode("setAccountLimits(address,address,uint256,uint256,uint256)", Usda, Dev(2), 100, 1_000, 0),
            $"only the operator or a compliance officer of Bank A (bank-a) or the regulator may set the USDA limits of {C(2)}; the caller {C(16)} is neither"),
        ["per-transaction above daily is refused"] = Refused(14, Compliance,
            Calls.Encode("setAccountLimits(address,address,uint256,uint256,uint256)", Usda, Dev(2), 1_001, 1_000, 0),
            "the per-transaction limit 10.01 USDA is above the daily limit 10.00 USDA; no single transfer could use it"),
        ["jurisdiction limit by the issuing bank's officer"] = Allowed(15, Compliance,
            Calls.Encode("setJurisdictionLimits(address,string,uint256,uint256,uint256)", Usda, "DE", 0, 0, 1_000_000), "JurisdictionLimitsSet"),
        ["jurisdiction limit by the regulator"] = Allowed(14, Compliance,
            Calls.Encode("setJurisdictionLimits(address,string,uint256,uint256,uint256)", Eurb, "US", 1, 0, 0), "JurisdictionLimitsSet"),
        ["jurisdiction limit by another bank"] = Refused(1, Compliance,
            Calls.Encode("setJurisdictionLimits(address,string,uint256,uint256,uint256)", Usda, "US", 1, 0, 0),
            $"only the operator or a compliance officer of Bank A (bank-a) or the regulator may set the USDA limits of jurisdiction US; the caller {C(1)} is neither"),

        // Token controls: the issuer pauses and forces; partial freezes also by the account's bank and the regulator.
        ["issuer pauses its token"] = Allowed(0, Usda, Calls.Encode("pause()"), "Paused"),
        ["another bank cannot pause"] = Refused(1, Usda, Calls.Encode("pause()"),
            $"only an issuer of USDA (the operator of Bank A (bank-a) or a key it granted the issuer role) may pause USDA; the caller is {C(1)}"),
        ["a compliance officer is not an issuer"] = Refused(15, Usda, Calls.Encode("pause()"),
            $"only an issuer of USDA (the operator of Bank A (bank-a) or a key it granted the issuer role) may pause USDA; the caller is {C(15)}"),
        ["issuer freezes part of another bank's customer's USDA"] = Allowed(0, Usda, Calls.Encode("freezePartialTokens(address,uint256)", Dev(3), 100), "TokensFrozen"),
        ["account's bank freezes part of its customer's EURB"] = Allowed(15, Eurb, Calls.Encode("freezePartialTokens(address,uint256)", Dev(2), 100), "TokensFrozen"),
        ["a customer cannot freeze tokens"] = Refused(4, Usda, Calls.Encode("freezePartialTokens(address,uint256)", Dev(2), 100),
            $"only an issuer of USDA, the staff of the bank that registered {C(2)}, or the regulator may freeze USDA of {C(2)}; the caller is {C(4)}"),
        ["another bank cannot force a transfer"] = Refused(1, Usda,
            Calls.Encode("forcedTransfer(address,address,uint256,bytes32)", Dev(2), Dev(4), 1, Calls.Reference("court-1")),
            $"only an issuer of USDA (the operator of Bank A (bank-a) or a key it granted the issuer role) may force a transfer of USDA; the caller is {C(1)}"),

        // Functions only the registry may call.
        ["recoverBalance is for the registry only"] = Refused(0, Usda, Calls.Encode("recoverBalance(address,address)", Dev(2), Dev(20)),
            $"only the IdentityRegistry ({Registry.ToChecksumString()}) calls recoverBalance, as part of recoverAccount"),
        ["recoverAccountState is for the registry only"] = Refused(14, Compliance, Calls.Encode("recoverAccountState(address,address)", Dev(2), Dev(20)),
            $"only the IdentityRegistry ({Registry.ToChecksumString()}) calls recoverAccountState, as part of recoverAccount"),

        // Consortium decisions: bank operators only.
        ["a customer cannot propose"] = Refused(2, Compliance, Calls.Encode("proposeRegulator(address)", Dev(20)),
            $"only a bank operator may propose a regulator; {C(2)} is not the operator of any bank"),
        ["the regulator cannot approve proposals"] = Refused(14, Compliance, Calls.Encode("approveProposal(uint256)", 1),
            $"only a bank operator may approve proposals; {C(14)} is not the operator of any bank"),
    };

    private readonly TestLedger _ledger = new();

    public static TheoryData<string> Actions() => new(Rows.Keys);

    public void Dispose()
    {
        Assert.Empty(_ledger.ModuleFaults);
        _ledger.Dispose();
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public void Each_role_may_do_exactly_what_its_row_says(string action)
    {
        var row = Rows[action];
        var receipt = _ledger.Send(row.Signer, row.To, row.Data);
        if (row.Reason is { } reason)
        {
            Assert.Equal(reason, TestLedger.RevertReason(receipt));
            Assert.Empty(receipt.Logs);
        }
        else
        {
            Assert.True(receipt.Success, receipt.Success ? "" : TestLedger.RevertReason(receipt));
            Assert.Contains(row.Event!, _ledger.EventNames(receipt));
        }
    }

    [Fact]
    public void A_granted_issuer_mints_and_loses_the_power_when_revoked()
    {
        _ledger.Ok(0, Compliance, Calls.Encode("grantIssuer(address,address)", Usda, Dev(20)));
        _ledger.Ok(20, Usda, Calls.Encode("mint(address,uint256,bytes32)", Dev(2), 100, Calls.Reference("dep-1")));
        _ledger.Ok(0, Compliance, Calls.Encode("revokeIssuer(address,address)", Usda, Dev(20)));
        Assert.StartsWith("only an issuer of USDA", _ledger.Fails(20, Usda, Calls.Encode("mint(address,uint256,bytes32)", Dev(2), 100, Calls.Reference("dep-2"))));
    }

    [Fact]
    public void A_regulator_change_takes_a_majority_of_banks_and_emits_role_events()
    {
        _ledger.Ok(0, Compliance, Calls.Encode("proposeRegulator(address)", Dev(20)));
        Assert.Equal(TestGenesis.Regulator, Regulator());
        Assert.Equal(
            "Bank A (bank-a) already approved proposal 1",
            _ledger.Fails(0, Compliance, Calls.Encode("approveProposal(uint256)", 1)));

        var receipt = _ledger.Ok(1, Compliance, Calls.Encode("approveProposal(uint256)", 1));

        Assert.Equal(["ProposalApproved", "RoleRevoked", "RoleGranted", "ProposalExecuted"], _ledger.EventNames(receipt));
        Assert.Equal(Dev(20), Regulator());
        Assert.Equal("proposal 1 was already executed", _ledger.Fails(1, Compliance, Calls.Encode("approveProposal(uint256)", 1)));
        _ledger.Ok(20, Compliance, Calls.Encode("freezeAccount(address,string)", Dev(3), "new regulator's order"));
        Assert.StartsWith("only the operator or a compliance officer", _ledger.Fails(14, Compliance, Calls.Encode("freezeAccount(address,string)", Dev(5), "old key")));
    }

    [Fact]
    public void A_bank_operator_key_is_replaced_by_a_majority_and_the_old_key_loses_its_powers()
    {
        _ledger.Ok(1, Compliance, Calls.Encode("proposeBankOperator(string,address)", "bank-a", Dev(20)));
        _ledger.Ok(0, Compliance, Calls.Encode("approveProposal(uint256)", 1));

        Assert.Equal(Dev(20), OperatorOf("bank-a"));
        _ledger.Ok(20, Usda, Calls.Mint(Dev(2), 1));
        Assert.StartsWith("only an issuer of USDA", _ledger.Fails(0, Usda, Calls.Mint(Dev(2), 1)));
        Assert.Equal(
            "there is no proposal 2; proposals are numbered 1 to 1",
            _ledger.Fails(1, Compliance, Calls.Encode("approveProposal(uint256)", 2)));
    }

    private Address Regulator() =>
        new Ledger.Core.Encoding.AbiReader(_ledger.View(Compliance, Calls.Encode("regulator()")), "regulator").ReadAddress("r");

    private Address OperatorOf(string bank) =>
        new Ledger.Core.Encoding.AbiReader(_ledger.View(Compliance, Calls.Encode("bankOperator(string)", bank)), "bankOperator").ReadAddress("o");

    private static Row Allowed(int signer, Address to, byte[] data, string @event) => new(signer, to, data, null, @event);

    private static Row Refused(int signer, Address to, byte[] data, string reason) => new(signer, to, data, reason, null);

    private static Address Dev(int i) => DevKeys.Address(i);

    private static string C(int i) => Dev(i).ToChecksumString();

    private sealed record Row(int Signer, Address To, byte[] Data, string? Reason, string? Event);
}
