using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Tokens;

/// <summary>
/// The token's side of four-eyes: forced transfers, burns from a customer and mints above the threshold run only
/// when the Compliance module calls, which it does once a second officer of the issuing bank approved the request
/// (ComplianceModule.Requests.cs). A direct call says what to do instead. Custodians are never a target.
/// </summary>
public sealed partial class DepositToken
{
    /// <summary>True when the Compliance module carries out an approved four-eyes request.</summary>
    private bool IsApprovedRequest(IModuleContext context) => context.Caller == _consortium.Compliance;

    private void RequireSingleStepMint(UInt256 amount, string what)
    {
        var threshold = _consortium.MintThreshold(_info);
        if (amount > threshold)
        {
            throw NeedsFourEyes(
                $"a {what} of {Format(amount)} (above the single-step limit of {Format(threshold)})",
                "Compliance.requestMint(token, to, amount, reference)");
        }
    }

    private RevertException NeedsFourEyes(string what, string request) =>
        Revert(
            $"{what} needs two officers of {_consortium.DescribeBank(_info.BankIndex)}: one calls {request}, " +
            "a different one approves it with approveRequest(id)");

    private void RequireNotCustodian(Address account, string what)
    {
        if (_consortium.IsCustodian(account))
        {
            throw Revert(
                $"{account.ToChecksumString()} is a custodian module (Settlement or Merchant): its balance is other customers' escrows, " +
                $"so a {what} can never target it");
        }
    }
}
