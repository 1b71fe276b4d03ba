using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Compliance;

/// <summary>Role views and the grants a bank's operator makes inside its own bank.</summary>
public sealed partial class ComplianceModule
{
    private byte[] BankOperator(IModuleContext context, ref AbiReader args)
    {
        var bankId = args.ReadString("bank");
        var bank = Bank(bankId);
        return AbiWriter.EncodeAddress(ComplianceStorage.Operator(context, Address, bank));
    }

    private byte[] RolesOf(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var (roles, bank) = ComplianceStorage.Staff(context, Address, account);
        return new AbiWriter(4)
            .WriteString(bank >= 0 ? _consortium.Banks[bank].Id : "")
            .WriteBool((roles & StaffRoles.BankOperator) != 0)
            .WriteBool((roles & StaffRoles.ComplianceOfficer) != 0)
            .WriteBool(ComplianceStorage.IsRegulator(context, Address, account))
            .ToArray();
    }

    private byte[] IsIssuer(IModuleContext context, ref AbiReader args)
    {
        var token = Token(args.ReadAddress("token"));
        var account = args.ReadAddress("account");
        return AbiWriter.EncodeBool(ComplianceStorage.IsIssuer(context, Address, token, account));
    }

    private byte[] GrantComplianceOfficer(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var bank = OperatorBank(context, "grant the compliance officer role");
        RequireFreshKey(context, account, "a compliance officer");
        WriteStaff(context, account, StaffRoles.ComplianceOfficer, bank);
        EmitRole(context, granted: true, ComplianceOfficerRole, account, _consortium.Banks[bank].Id);
        return [];
    }

    private byte[] RevokeComplianceOfficer(IModuleContext context, ref AbiReader args)
    {
        var account = args.ReadAddress("account");
        var bank = OperatorBank(context, "revoke the compliance officer role");
        var (roles, staffBank) = ComplianceStorage.Staff(context, Address, account);
        if ((roles & StaffRoles.ComplianceOfficer) == 0 || staffBank != bank)
        {
            throw Revert($"{account.ToChecksumString()} is not a compliance officer of {_consortium.DescribeBank(bank)}");
        }

        WriteStaff(context, account, StaffRoles.None, bank);
        EmitRole(context, granted: false, ComplianceOfficerRole, account, _consortium.Banks[bank].Id);
        return [];
    }

    private byte[] GrantIssuer(IModuleContext context, ref AbiReader args) => SetIssuer(context, ref args, grant: true);

    private byte[] RevokeIssuer(IModuleContext context, ref AbiReader args) => SetIssuer(context, ref args, grant: false);

    private byte[] SetIssuer(IModuleContext context, ref AbiReader args, bool grant)
    {
        var token = Token(args.ReadAddress("token"));
        var account = args.ReadAddress("account");
        if (!ComplianceStorage.IsBankOperator(context, Address, context.Caller, token.BankIndex))
        {
            throw Revert(
                $"only the operator of {_consortium.DescribeBank(token.BankIndex)}, which issues {token.Symbol}, may " +
                $"{(grant ? "grant" : "revoke")} its issuer role; the caller is {context.Caller.ToChecksumString()}");
        }

        if (account.IsZero)
        {
            throw Revert("the issuer role cannot be given to the zero address");
        }

        Span<byte> key = stackalloc byte[ModuleStorage.PairKeyLength];
        ModuleStorage.WriteKey(key, ComplianceStorage.IssuerTag, token.Address, account);
        var has = context.GetStorage(Address, key) is { Length: > 0 };
        if (has == grant)
        {
            throw Revert($"{account.ToChecksumString()} {(grant ? "already holds" : "does not hold")} a granted issuer role for {token.Symbol}");
        }

        context.SetStorage(key, grant ? [1] : []);
        EmitRole(context, grant, IssuerRole, account, token.Symbol);
        return [];
    }

    /// <summary>One key, one role: a key that already works for a bank or is the regulator cannot take another role.</summary>
    private void RequireFreshKey(IModuleContext context, Address account, string role)
    {
        if (account.IsZero)
        {
            throw Revert($"{role} cannot be the zero address");
        }

        var (_, bank) = ComplianceStorage.Staff(context, Address, account);
        if (bank >= 0)
        {
            throw Revert($"{account.ToChecksumString()} already works for {_consortium.DescribeBank(bank)}; {role} needs its own key");
        }

        if (ComplianceStorage.IsRegulator(context, Address, account))
        {
            throw Revert($"{account.ToChecksumString()} is the regulator; {role} needs its own key");
        }
    }

    private int Bank(string id)
    {
        var bank = _consortium.BankIndex(id);
        return bank >= 0
            ? bank
            : throw Revert($"'{id}' is not a bank of this consortium (banks: {string.Join(", ", _consortium.Banks.Select(b => b.Id))})");
    }
}
