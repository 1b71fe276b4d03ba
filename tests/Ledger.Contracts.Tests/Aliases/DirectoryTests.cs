using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tests.Aliases;

/// <summary>The Directory: claim an alias of one's own bank, look it up both ways, release, revoke by the bank.</summary>
public sealed class DirectoryTests : IDisposable
{
    private static readonly Address Directory = TestGenesis.Directory;
    private readonly TestLedger _ledger = new();

    private static byte[] Claim(string alias) => Calls.Encode("claimAlias(string)", alias);

    private static string C(int i) => DevKeys.Address(i).ToChecksumString();

    private Address Resolve(string alias) => new AbiReader(_ledger.View(Directory, Calls.Encode("resolve(string)", alias)), "resolve").ReadAddress("account");

    private string AliasOf(int account) =>
        new AbiReader(_ledger.View(Directory, Calls.Encode("aliasOf(address)", DevKeys.Address(account))), "aliasOf").ReadString("alias");

    [Fact]
    public void A_claimed_alias_resolves_both_ways()
    {
        var receipt = _ledger.Ok(2, Directory, Claim("anna@bank-a"));

        Assert.Equal(["AliasClaimed"], _ledger.EventNames(receipt));
        Assert.Equal(Keccak256.Hash("anna@bank-a"u8), receipt.Logs[0].Topics[2]);
        Assert.Equal(DevKeys.Address(2), Resolve("anna@bank-a"));
        Assert.Equal("anna@bank-a", AliasOf(2));
        Assert.Equal("", AliasOf(4));
    }

    [Fact]
    public void One_alias_per_account_and_one_account_per_alias()
    {
        _ledger.Ok(2, Directory, Claim("anna@bank-a"));

        Assert.Equal($"alias \"anna@bank-a\" is taken by {C(2)}", _ledger.Fails(4, Directory, Claim("anna@bank-a")));
        Assert.Equal(
            $"{C(2)} already holds alias \"anna@bank-a\"; one alias per account: release it first",
            _ledger.Fails(2, Directory, Claim("anna.k@bank-a")));
        Assert.Equal("", AliasOf(4));
        Assert.Equal(DevKeys.Address(2), Resolve("anna@bank-a"));
    }

    [Fact]
    public void The_suffix_must_be_the_callers_own_bank()
    {
        Assert.Equal(
            $"alias \"anna@bank-b\" names bank \"bank-b\", but {C(2)} is registered by Bank A (bank-a); claim \"anna@bank-a\"",
            _ledger.Fails(2, Directory, Claim("anna@bank-b")));
        Assert.False(_ledger.Call(Directory, Calls.Encode("resolve(string)", "anna@bank-b")).Success);
    }

    [Fact]
    public void An_unregistered_account_cannot_claim()
    {
        Assert.Equal(
            $"caller {C(7)} is not a registered (KYC-verified) account; only a verified account may claim an alias",
            _ledger.Fails(7, Directory, Claim("eve@bank-a")));
    }

    [Theory]
    [InlineData("Anna@bank-a", "aliases are lowercase: use \"anna@bank-a\" instead of \"Anna@bank-a\"")]
    [InlineData("anna", "alias \"anna\" must have the form name@bank-id (one '@'), e.g. \"anna@bank-a\"")]
    [InlineData("a@b@bank-a", "alias \"a@b@bank-a\" must have the form name@bank-id (one '@'), e.g. \"anna@bank-a\"")]
    [InlineData("a@bank-a", "the name part \"a\" of alias \"a@bank-a\" is 1 characters; it must have 2 to 32")]
    [InlineData(".anna@bank-a", "the name part \".anna\" of alias \".anna@bank-a\" must start with a letter or digit")]
    [InlineData("an na@bank-a", "the name part \"an na\" of alias \"an na@bank-a\" contains ' '; allowed are a-z, 0-9, '.', '_' and '-'")]
    public void Malformed_aliases_are_refused_with_the_rule_they_break(string alias, string reason)
    {
        Assert.Equal(reason, _ledger.Fails(2, Directory, Claim(alias)));
        Assert.Equal("", AliasOf(2));
    }

    [Fact]
    public void The_holder_releases_and_someone_else_may_claim_it()
    {
        _ledger.Ok(2, Directory, Claim("anna@bank-a"));

        var released = _ledger.Ok(2, Directory, Calls.Encode("releaseAlias()"));
        Assert.Equal(["AliasReleased"], _ledger.EventNames(released));
        Assert.Equal("", AliasOf(2));
        Assert.Equal("no account holds alias \"anna@bank-a\"", _ledger.Call(Directory, Calls.Encode("resolve(string)", "anna@bank-a")).RevertReason);
        Assert.Equal($"{C(2)} holds no alias; there is nothing to release", _ledger.Fails(2, Directory, Calls.Encode("releaseAlias()")));

        _ledger.Ok(4, Directory, Claim("anna@bank-a"));
        Assert.Equal(DevKeys.Address(4), Resolve("anna@bank-a"));
    }

    [Fact]
    public void The_aliases_bank_revokes_it_and_no_other_bank_can()
    {
        _ledger.Ok(2, Directory, Claim("anna@bank-a"));

        Assert.Equal(
            $"only the staff of Bank A (bank-a) (its operator or compliance officers) may revoke alias \"anna@bank-a\"; the caller is {C(1)}",
            _ledger.Fails(1, Directory, Calls.Encode("revokeAlias(string)", "anna@bank-a")));
        Assert.Equal(DevKeys.Address(2), Resolve("anna@bank-a"));

        var revoked = _ledger.Ok(15, Directory, Calls.Encode("revokeAlias(string)", "anna@bank-a"));

        Assert.Equal(["AliasRevoked"], _ledger.EventNames(revoked));
        Assert.Equal("", AliasOf(2));
        Assert.False(_ledger.Call(Directory, Calls.Encode("resolve(string)", "anna@bank-a")).Success);
        Assert.Equal("no account holds alias \"anna@bank-a\"; there is nothing to revoke", _ledger.Fails(15, Directory, Calls.Encode("revokeAlias(string)", "anna@bank-a")));
    }

    public void Dispose() => _ledger.Dispose();
}
