using Ledger.Core.Crypto;

namespace Ledger.Core.Tests;

public class KeccakTests
{
    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("transfer(address,uint256)", "0xa9059cbb2ab09eb219583f4a59a5d0623ade346d962bcd4e46b11da047c9049b")]
    public void Known_vectors_hash_as_ethereum_does(string text, string expected) =>
        Assert.Equal(expected, Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(text)).ToString());

    [Fact]
    public void Every_length_around_the_rate_matches_nethereum()
    {
        var random = new Random(7);
        var sha3 = new Nethereum.Util.Sha3Keccack();
        for (var length = 0; length < 600; length++)
        {
            var input = new byte[length];
            random.NextBytes(input);
            Assert.Equal(sha3.CalculateHash(input), Keccak256.HashToArray(input));
        }
    }
}
