using Ledger.Core.Primitives;
using Ledger.Execution.State;

namespace Ledger.Execution.Pool;

/// <summary>
/// Who may send transactions at all. Ledger is permissioned: a key no bank has registered (and that holds no
/// operator, officer, regulator or validator role) is refused at admission, so it can neither fill the pool nor
/// get reverting calls included for free. The rule lives with the modules that keep identities and roles.
/// </summary>
public interface ISenderPolicy
{
    /// <summary>Null when <paramref name="sender"/> may send at <paramref name="state"/>; else why not, in plain words.</summary>
    string? Refusal(IStateView state, Address sender);
}
