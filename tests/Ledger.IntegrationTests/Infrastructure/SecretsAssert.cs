namespace Ledger.IntegrationTests.Infrastructure;

/// <summary>No secret (password, PIN, private key hex) may appear in anything a node printed, in any letter case.</summary>
public static class SecretsAssert
{
    public static void NoneIn(IReadOnlyList<string> outputs, IReadOnlyList<string> secrets)
    {
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.False(string.IsNullOrWhiteSpace(o), "an output to check is empty: the node printed nothing?"));
        foreach (var secret in secrets)
        {
            Assert.False(string.IsNullOrEmpty(secret));
            for (var i = 0; i < outputs.Count; i++)
            {
                var at = outputs[i].IndexOf(secret, StringComparison.OrdinalIgnoreCase);
                Assert.True(at < 0, $"output {i} contains a secret ({secret.Length} characters) at offset {at}");
            }
        }
    }
}
