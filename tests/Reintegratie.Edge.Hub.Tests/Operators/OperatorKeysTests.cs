using System.Security.Cryptography;
using System.Text;
using Reintegratie.Edge.Hub.Operators;

namespace Reintegratie.Edge.Hub.Tests.Operators;

public sealed class OperatorKeysTests
{
    private const string Password = "correct horse battery";
    private const string Token = "session-token-from-the-cookie";

    [Fact]
    public void Create_PrivateHalfEncryptedUnderThePassword_SealedSessionKeySignsForThePublicHalf()
    {
        var (publicKey, encrypted) = OperatorKeys.Create(Password);

        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", encrypted, StringComparison.Ordinal);
        var sealedKey = OperatorKeys.SealForSession(encrypted, Password, Token, "j.jansen");
        using var key = OperatorKeys.OpenForSession(sealedKey, Token, "j.jansen");
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
        var data = Encoding.UTF8.GetBytes("ack Z1");
        Assert.True(verifier.VerifyData(data, key.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
    }

    [Fact]
    public void SealForSession_WrongPassword_Throws()
    {
        var (_, encrypted) = OperatorKeys.Create(Password);

        Assert.ThrowsAny<CryptographicException>(() => OperatorKeys.SealForSession(encrypted, "correct horse battery!", Token, "j.jansen"));
    }

    [Theory]
    [InlineData("another-session-token", "j.jansen")]
    [InlineData(Token, "m.devries")]
    public void OpenForSession_OtherTokenOrOperator_Throws(string token, string operatorName)
    {
        var (_, encrypted) = OperatorKeys.Create(Password);
        var sealedKey = OperatorKeys.SealForSession(encrypted, Password, Token, "j.jansen");

        Assert.ThrowsAny<CryptographicException>(() => OperatorKeys.OpenForSession(sealedKey, token, operatorName));
    }
}
