namespace Ledger.Node.Tests.Support;

internal static class NodeFixtureExtensions
{
    /// <summary>The innermost exception of the first fatal error (the storage failure under the commit's wrapper).</summary>
    public static async Task<Exception> FirstErrorRoot(this NodeFixture fixture)
    {
        var error = await fixture.Fatal.FirstError;
        while (error.InnerException is not null && error is not Storage.StorageFailedException)
        {
            error = error.InnerException;
        }

        return error;
    }
}
