using Reintegratie.Edge.Hub.Operators;

namespace Reintegratie.Edge.Hub.Tests.Operators;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Hash_ThenVerify_OnlyTheSamePasswordMatches_SaltDiffers()
    {
        var first = PasswordHasher.Hash("correct horse battery");
        var second = PasswordHasher.Hash("correct horse battery");

        Assert.StartsWith("pbkdf2-sha256$600000$", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.True(PasswordHasher.Verify("correct horse battery", first));
        Assert.False(PasswordHasher.Verify("correct horse batterY", first));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("md5$1$abc$def")]
    [InlineData("pbkdf2-sha256$0$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64$AAAA")]
    public void Verify_MalformedStoredHash_False(string stored) => Assert.False(PasswordHasher.Verify("correct horse battery", stored));

    [Fact]
    public void Hash_ShortPassword_Refused() => Assert.Throws<ArgumentException>(() => PasswordHasher.Hash("short"));
}
