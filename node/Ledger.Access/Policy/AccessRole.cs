namespace Ledger.Access.Policy;

/// <summary>A named role: what it may call, and whether its privileged calls are written to the audit log.</summary>
public sealed record AccessRole(string Name, MethodAllowlist Methods, bool Audited);
