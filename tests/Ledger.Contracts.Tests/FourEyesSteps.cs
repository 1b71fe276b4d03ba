using Ledger.Core.Chain;
using Ledger.Core.Encoding;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests;

/// <summary>
/// The maker–checker steps a bank takes for its powerful operations, for tests that need the operation done:
/// one officer requests, a different officer of the same bank approves (and for a recovery, time passes and an
/// officer executes). Bank A's officers are dev accounts 0 (operator) and 15; bank B's are 1 and 16.
/// </summary>
public static class FourEyesSteps
{
    /// <summary>The second officer of the bank whose first officer is dev account <paramref name="officer"/>.</summary>
    public static int OtherOfficer(int officer) => officer switch
    {
        0 => 15,
        15 => 0,
        1 => 16,
        16 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(officer), officer, "not an officer of bank A or B"),
    };

    /// <summary>Makes a request from <paramref name="maker"/> (asserting success) and returns its id.</summary>
    public static ulong Request(this TestLedger ledger, int maker, byte[] call)
    {
        ledger.Ok(maker, TestGenesis.Compliance, call);
        return ledger.UInt256View(TestGenesis.Compliance, "requestCount()").ToUInt64();
    }

    public static Receipt Approve(this TestLedger ledger, int checker, ulong id) =>
        ledger.Ok(checker, TestGenesis.Compliance, Calls.Encode("approveRequest(uint256)", id));

    /// <summary>requestForcedTransfer by <paramref name="maker"/>, approved by the bank's other officer; returns the approval's receipt.</summary>
    public static Receipt ForcedTransfer(this TestLedger ledger, int maker, Address token, Address from, Address to, UInt256 amount, Hash32 order) =>
        ledger.Approve(
            OtherOfficer(maker),
            ledger.Request(maker, Calls.Encode("requestForcedTransfer(address,address,address,uint256,bytes32)", token, from, to, amount, order)));

    public static Receipt Burn(this TestLedger ledger, int maker, Address token, Address from, UInt256 amount, Hash32 reference) =>
        ledger.Approve(
            OtherOfficer(maker),
            ledger.Request(maker, Calls.Encode("requestBurn(address,address,uint256,bytes32)", token, from, amount, reference)));

    public static Receipt LargeMint(this TestLedger ledger, int maker, Address token, Address to, UInt256 amount, Hash32 reference) =>
        ledger.Approve(
            OtherOfficer(maker),
            ledger.Request(maker, Calls.Encode("requestMint(address,address,uint256,bytes32)", token, to, amount, reference)));

    /// <summary>The whole recovery: request, approval by the other officer, the delay, execution by the maker; returns the execution's receipt.</summary>
    public static Receipt Recover(this TestLedger ledger, int maker, Address lost, Address replacement)
    {
        var id = ledger.Request(maker, Calls.Encode("requestRecovery(address,address)", lost, replacement));
        ledger.Approve(OtherOfficer(maker), id);
        ledger.AdvanceTime(TimeSpan.FromSeconds(ledger.Genesis.Compliance.FourEyes.RecoveryDelaySeconds));
        return ledger.Ok(maker, TestGenesis.Compliance, Calls.Encode("executeRequest(uint256)", id));
    }

    /// <summary>Status of request <paramref name="id"/> as requestOf reports it.</summary>
    public static byte StatusOf(this TestLedger ledger, ulong id)
    {
        var reader = new AbiReader(ledger.View(TestGenesis.Compliance, Calls.Encode("requestOf(uint256)", id)), "requestOf");
        reader.ReadUInt8("kind");
        return reader.ReadUInt8("status");
    }

    /// <summary>The default four-eyes settings, for readers of <see cref="FourEyesConfig"/>.</summary>
    public static FourEyesConfig Defaults { get; } = new();
}
