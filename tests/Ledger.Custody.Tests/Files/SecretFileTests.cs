using Ledger.Custody;
using Ledger.Custody.Files;

namespace Ledger.Custody.Tests.Files;

public sealed class SecretFileTests
{
    [Fact]
    public void WriteNew_creates_an_owner_only_file_and_never_overwrites_one()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "key.json");

        SecretFile.WriteNew(path, "first");
        var error = Assert.Throws<KeyCustodyException>(() => SecretFile.WriteNew(path, "second"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("first", File.ReadAllText(path));
        Assert.Contains("already exists", error.Message);
        Assert.Null(SecretFile.Exposure(path));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead, "its group")]
    [InlineData(UnixFileMode.OtherRead, "all users")]
    [InlineData(UnixFileMode.GroupRead | UnixFileMode.OtherRead, "its group and all users")]
    public void Exposure_names_who_else_can_read_a_file_and_the_fix(UnixFileMode extra, string who)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "key.hex");
        File.WriteAllText(path, "x");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var exposure = SecretFile.Exposure(path);

        Assert.NotNull(exposure);
        Assert.Contains($"lets {who} read", exposure);
        Assert.Contains("chmod 600", exposure);
    }

    [Fact]
    public void ReadSecret_drops_one_trailing_line_break_and_keeps_everything_else()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "pw");
        File.WriteAllText(path, "  pass word \n");

        Assert.Equal("  pass word ", SecretFile.ReadSecret(path, "password file"));
        File.WriteAllText(path, "crlf\r\n");
        Assert.Equal("crlf", SecretFile.ReadSecret(path, "password file"));
    }

    [Fact]
    public void ReadSecret_refuses_a_missing_empty_or_oversized_file()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "pw");

        Assert.Contains("does not exist", Assert.Throws<KeyCustodyException>(() => SecretFile.ReadSecret(path, "password file")).Message);
        File.WriteAllText(path, "\n");
        Assert.Contains("is empty", Assert.Throws<KeyCustodyException>(() => SecretFile.ReadSecret(path, "password file")).Message);
        File.WriteAllText(path, new string('x', SecretFile.MaxSecretBytes + 1));
        Assert.Contains("at most 4096 bytes", Assert.Throws<KeyCustodyException>(() => SecretFile.ReadSecret(path, "password file")).Message);
    }

    [Fact]
    public void ReadEnvironment_reads_a_set_variable_and_names_an_unset_one()
    {
        var name = "LEDGER_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env\n");
        try
        {
            Assert.Equal("from-env", SecretFile.ReadEnvironment(name, "keystore password"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        var error = Assert.Throws<KeyCustodyException>(() => SecretFile.ReadEnvironment(name, "keystore password"));
        Assert.Contains($"environment variable {name}", error.Message);
    }
}
