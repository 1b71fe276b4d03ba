using Ledger.Core.Crypto;

namespace Ledger.Core.Tests;

public class DevKeysTests
{
    // The addresses Hardhat and Anvil print for "test test … junk"; each one is derived here, not trusted.
    public static readonly TheoryData<int, string> HardhatAccounts = new()
    {
        { 0, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" },
        { 1, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" },
        { 2, "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" },
        { 3, "0x90F79bf6EB2c4f870365E785982E1f101E93b906" },
        { 4, "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" },
        { 5, "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc" },
        { 6, "0x976EA74026E726554dB657fA54763abd0C3a0aa9" },
        { 7, "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955" },
        { 8, "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f" },
        { 9, "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720" },
        { 10, "0xBcd4042DE499D14e55001CcbB24a551F3b954096" },
        { 11, "0x71bE63f3384f5fb98995898A86B02Fb2426c5788" },
        { 12, "0xFABB0ac9d68B0B445fB7357272Ff202C5651694a" },
        { 13, "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec" },
    };

    [Theory]
    [MemberData(nameof(HardhatAccounts))]
    public void Each_dev_account_derives_to_the_hardhat_address(int index, string expected)
    {
        Assert.Equal(expected, DevKeys.Address(index).ToChecksumString());
        Assert.Equal(DevKeys.Address(index), DevKeys.AddressOf(DevKeys.PrivateKey(index)));
    }

    [Fact]
    public void Account_0_has_the_well_known_private_key() =>
        Assert.Equal(
            "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            Convert.ToHexStringLower(DevKeys.PrivateKey(0)));

    [Fact]
    public void Dev_keys_match_the_private_keys_published_by_hardhat()
    {
        for (var i = 0; i < TestKeys.Accounts.Length; i++)
        {
            Assert.Equal(TestKeys.Key(i), DevKeys.PrivateKey(i));
        }
    }

    [Fact]
    public void Dev_keys_match_a_direct_bip44_derivation()
    {
        var direct = Bip32.DerivePath(Bip39.MnemonicToSeed(DevKeys.Mnemonic), "m/44'/60'/0'/0/7");
        Assert.Equal(direct.PrivateKey, DevKeys.PrivateKey(7));
    }

    [Fact]
    public void Private_keys_are_copies_so_callers_cannot_corrupt_the_cache()
    {
        var key = DevKeys.PrivateKey(1);
        key[0] ^= 0xFF;
        Assert.NotEqual(key, DevKeys.PrivateKey(1));
        Assert.Equal("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", DevKeys.Address(1).ToChecksumString());
    }

    [Fact]
    public void A_negative_index_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DevKeys.Address(-1));
}
