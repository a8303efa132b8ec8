using System.Text;
using Microsoft.Extensions.Configuration;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Privacy;

namespace Reintegratie.Edge.Sensors.Tests.Privacy;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PseudonymiserTests
{
    private static readonly byte[] s_imsi = "204081234567890"u8.ToArray();

    [Fact]
    public void Pseudonymise_SameInputAndKey_SamePseudonym()
    {
        using var a = new Pseudonymiser(TestKeys.KeyA, 1);
        using var b = new Pseudonymiser(TestKeys.KeyA, 1);

        Assert.Equal(a.Pseudonymise(IdentifierKind.Imsi, s_imsi), b.Pseudonymise(IdentifierKind.Imsi, s_imsi));
    }

    [Fact]
    public void Pseudonymise_DifferentKey_DifferentPseudonym()
    {
        using var a = new Pseudonymiser(TestKeys.KeyA, 1);
        using var b = new Pseudonymiser(TestKeys.KeyB, 1);

        var pa = a.Pseudonymise(IdentifierKind.Imsi, s_imsi);
        var pb = b.Pseudonymise(IdentifierKind.Imsi, s_imsi);

        Assert.False(pa.Bytes.SequenceEqual(pb.Bytes));
    }

    [Fact]
    public void Pseudonymise_KeyId_StoredAndShownInText()
    {
        using var p = new Pseudonymiser(TestKeys.KeyA, 7);

        var pseudonym = p.Pseudonymise(IdentifierKind.Imsi, s_imsi);

        Assert.True(pseudonym.HasValue);
        Assert.Equal(7, pseudonym.KeyId);
        Assert.StartsWith("k7:", pseudonym.ToString(), StringComparison.Ordinal);
        Assert.Equal(3 + 32, pseudonym.ToString().Length);
    }

    [Fact]
    public void Pseudonymise_SameDigitsDifferentKinds_Unlinkable()
    {
        using var p = TestKeys.Create();

        Assert.NotEqual(p.Pseudonymise(IdentifierKind.Imsi, s_imsi), p.Pseudonymise(IdentifierKind.Imei, s_imsi));
    }

    [Fact]
    public void Pseudonymise_IsKeyedHmacNotPlainHash()
    {
        using var p = TestKeys.Create();
        var expectedInput = new byte[] { (byte)IdentifierKind.Imsi }.Concat(s_imsi).ToArray();
        var expected = System.Security.Cryptography.HMACSHA256.HashData(TestKeys.KeyA, expectedInput);
        var plain = System.Security.Cryptography.SHA256.HashData(s_imsi);

        var pseudonym = p.Pseudonymise(IdentifierKind.Imsi, s_imsi);

        Assert.Equal(expected, pseudonym.Bytes.ToArray());
        Assert.NotEqual(plain, pseudonym.Bytes.ToArray());
    }

    [Fact]
    public void Pseudonymise_ManyCalls_AllocatesNothing()
    {
        using var p = TestKeys.Create();
        var destination = default(Core.Events.Pseudonym);
        p.Pseudonymise(IdentifierKind.Imsi, s_imsi, ref destination);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            p.Pseudonymise(IdentifierKind.Imsi, s_imsi, ref destination);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ToString_NeverShowsKeyMaterial()
    {
        using var p = new Pseudonymiser(TestKeys.KeyA, 3);

        var text = p.ToString();

        Assert.DoesNotContain(Convert.ToHexString(TestKeys.KeyA[..4]), text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Pseudonymiser(k3)", text);
    }

    [Fact]
    public void Load_KeyFileMode0400_Works()
    {
        using var dir = new TempDir();
        var path = dir.File("key");
        PrivacyKeyFile.Create(path);

        using var p = Pseudonymiser.Load(new PrivacyOptions { KeyFile = path, KeyId = 2 });

        Assert.Equal(2, p.KeyId);
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(path));
        Assert.Equal(PrivacyKeyFile.KeySize, new FileInfo(path).Length);
    }

    [Fact]
    public void Load_KeyFileMode0600_Works()
    {
        using var dir = new TempDir();
        var path = WriteKey(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        using var p = Pseudonymiser.Load(new PrivacyOptions { KeyFile = path });

        Assert.Equal(1, p.KeyId);
    }

    [Theory]
    [InlineData(0b110_100_100)] // 0644
    [InlineData(0b100_100_000)] // 0440
    [InlineData(0b110_000_010)] // 0602
    [InlineData(0b100_000_100)] // 0404
    public void Load_KeyFileAccessibleToGroupOrOthers_RefusedNamingKeyFile(int mode)
    {
        using var dir = new TempDir();
        var path = WriteKey(dir, (UnixFileMode)mode);

        var e = Assert.Throws<ConfigurationException>(() => Pseudonymiser.Load(new PrivacyOptions { KeyFile = path }));

        Assert.Equal("Privacy:KeyFile", e.Key);
        Assert.Contains("0400", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyFileMissing_RefusedNamingKeyFile()
    {
        using var dir = new TempDir();

        var e = Assert.Throws<ConfigurationException>(() => Pseudonymiser.Load(new PrivacyOptions { KeyFile = dir.File("absent") }));

        Assert.Equal("Privacy:KeyFile", e.Key);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void Load_KeyFileEmptyOrShort_RefusedNamingKeyFile(int length)
    {
        using var dir = new TempDir();
        var path = WriteKey(dir, UnixFileMode.UserRead, length);

        var e = Assert.Throws<ConfigurationException>(() => Pseudonymiser.Load(new PrivacyOptions { KeyFile = path }));

        Assert.Equal("Privacy:KeyFile", e.Key);
        Assert.Contains("at least 32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoKeyFileConfigured_RefusedNamingKeyFile()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection([]).Build();

        var e = Assert.Throws<ConfigurationException>(() => Pseudonymiser.Load(config));

        Assert.Equal("Privacy:KeyFile", e.Key);
    }

    [Fact]
    public void Load_FromConfigurationWithPreviousKey_BothKeysUsable()
    {
        using var dir = new TempDir();
        var current = dir.File("k2");
        var previous = dir.File("k1");
        PrivacyKeyFile.Create(current);
        PrivacyKeyFile.Create(previous);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Privacy:KeyFile"] = current,
            ["Privacy:KeyId"] = "2",
            ["Privacy:PreviousKeyFile"] = previous,
            ["Privacy:PreviousKeyId"] = "1",
        }).Build();

        using var p = Pseudonymiser.Load(config);
        var now = p.Pseudonymise(IdentifierKind.Imsi, s_imsi);
        var before = default(Core.Events.Pseudonym);
        var hasPrevious = p.TryPseudonymisePrevious(IdentifierKind.Imsi, s_imsi, ref before);

        Assert.True(hasPrevious);
        Assert.Equal(2, now.KeyId);
        Assert.Equal(1, before.KeyId);
        Assert.False(now.Bytes.SequenceEqual(before.Bytes));
    }

    [Fact]
    public void Load_PreviousKeyIdSameAsKeyId_RefusedNamingPreviousKeyId()
    {
        using var dir = new TempDir();
        PrivacyKeyFile.Create(dir.File("a"));
        PrivacyKeyFile.Create(dir.File("b"));

        var e = Assert.Throws<ConfigurationException>(() => Pseudonymiser.Load(
            new PrivacyOptions { KeyFile = dir.File("a"), KeyId = 1, PreviousKeyFile = dir.File("b"), PreviousKeyId = 1 }));

        Assert.Equal("Privacy:PreviousKeyId", e.Key);
    }

    [Fact]
    public void Create_ExistingFile_Throws()
    {
        using var dir = new TempDir();
        PrivacyKeyFile.Create(dir.File("key"));

        Assert.Throws<IOException>(() => PrivacyKeyFile.Create(dir.File("key")));
    }

    [Fact]
    public void Create_TwoKeys_Differ()
    {
        using var dir = new TempDir();
        PrivacyKeyFile.Create(dir.File("a"));
        PrivacyKeyFile.Create(dir.File("b"));

        Assert.NotEqual(File.ReadAllBytes(dir.File("a")), File.ReadAllBytes(dir.File("b")));
    }

    private static string WriteKey(TempDir dir, UnixFileMode mode, int length = 32)
    {
        var path = dir.File("key-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(new string('x', length)));
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
