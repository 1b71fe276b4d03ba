using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Execution.Pool;

/// <summary>
/// The outcome of <see cref="TransactionPool.Admit"/>: the admitted transaction (sender recovered), or an
/// error with a sentence a developer can act on. <see cref="Hash"/> is set whenever the bytes decoded.
/// </summary>
public readonly record struct AdmissionResult(AdmissionError Error, string? Message, Hash32 Hash, SignedTransaction? Transaction, bool Replaced)
{
    public bool IsAccepted => Error == AdmissionError.None;

    public static AdmissionResult Accepted(SignedTransaction transaction, bool replaced) =>
        new(AdmissionError.None, null, transaction.Hash, transaction, replaced);

    public static AdmissionResult Rejected(AdmissionError error, string message, Hash32 hash = default) =>
        new(error, message, hash, null, false);
}
