namespace Ledger.Contracts.Tests.Records;

/// <summary>One random operation of the records property: a kind (0–21, see <see cref="RecordRun"/>), parties, token, amount and a pick.</summary>
internal sealed record RecordOp(int Kind, int A, int B, int C, int Token, ulong Amount, int Pick)
{
    public const int Kinds = 23;

    public const int AdvanceTime = 22;
}
