namespace Ledger.Core.Genesis;

/// <summary>
/// A genesis file is unreadable or invalid. <see cref="Errors"/> lists every problem found, each starting with the
/// JSON path it concerns (e.g. <c>genesis.tokens[2].decimals: must be between 0 and 18</c>).
/// </summary>
public sealed class GenesisException : Exception
{
    public GenesisException(IReadOnlyList<string> errors, Exception? inner = null)
        : base(Describe(errors), inner) => Errors = errors;

    public GenesisException(string error, Exception? inner = null)
        : this([error], inner)
    {
    }

    public IReadOnlyList<string> Errors { get; }

    private static string Describe(IReadOnlyList<string> errors) => errors.Count switch
    {
        0 => "invalid genesis",
        1 => errors[0],
        _ => $"invalid genesis ({errors.Count} problems):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors),
    };
}
