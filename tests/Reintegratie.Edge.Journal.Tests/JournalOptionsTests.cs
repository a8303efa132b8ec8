using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Journal.Tests;

public sealed class JournalOptionsTests
{
    [Theory]
    [InlineData("", 4096, 100, 72, "Journal:Path")]
    [InlineData("j.db", 0, 100, 72, "Journal:MaxBatch")]
    [InlineData("j.db", 4096, 1, 72, "Journal:Outbox:MaxRows")]
    [InlineData("j.db", 4096, 100, -1, "Journal:Outbox:MaxAgeHours")]
    public void Validate_BadValue_NamesKey(string path, int maxBatch, int maxRows, double maxAge, string key)
    {
        var o = new JournalOptions { Path = path, MaxBatch = maxBatch, Outbox = new OutboxOptions { MaxRows = maxRows, MaxAgeHours = maxAge } };

        var ex = Assert.Throws<ConfigurationException>(o.Validate);

        Assert.Equal(key, ex.Key);
    }

    [Theory]
    [InlineData("phones", 28)]
    [InlineData("handset", 0)]
    [InlineData("command", 28)]
    public void Validate_BadRetention_NamesKey(string kind, double days)
    {
        var o = new JournalOptions { Path = "j.db" };
        o.Retention[kind] = days;

        var ex = Assert.Throws<ConfigurationException>(o.Validate);

        Assert.Equal($"Journal:Retention:{kind}", ex.Key);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData((1L << 30) + 1)]
    public void Validate_ReserveBytesOutOfRange_NamesKey(long bytes)
    {
        var o = new JournalOptions { Path = "j.db", ReserveBytes = bytes };

        var ex = Assert.Throws<ConfigurationException>(o.Validate);

        Assert.Equal("Journal:ReserveBytes", ex.Key);
    }

    [Fact]
    public void Validate_Defaults_WithPath_Ok()
    {
        var o = new JournalOptions { Path = "j.db" };
        o.Retention["handset"] = 28;
        o.Retention["bodycam"] = 28;

        o.Validate();
    }

    [Fact]
    public void Validate_UnknownSyncMode_NamesKey()
    {
        var o = new JournalOptions { Path = "j.db", Sync = (JournalSync)7 };

        var ex = Assert.Throws<ConfigurationException>(o.Validate);

        Assert.Equal("Journal:Sync", ex.Key);
    }

    [Fact]
    public void Sync_Default_IsTheGroupCommit()
    {
        Assert.Equal(JournalSync.Group, new JournalOptions().Sync);
    }
}
