using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Core.Tests.Site;

public sealed class ConfigurationKeyCheckerTests
{
    private static readonly ConfigurationKeyNode s_schema = ConfigurationKeyNode.Section()
        .With("Logging", ConfigurationKeyNode.Any)
        .With("Site", ConfigurationKeyNode.FromType(typeof(SiteOptions)))
        .With("Demo", ConfigurationKeyNode.FromType(typeof(DemoOptions)))
        .With("Choice", ConfigurationKeyNode.List(ConfigurationKeyNode.Choice("Kind", kind => kind == "a"
            ? ConfigurationKeyNode.Section().With("Kind", ConfigurationKeyNode.Value()).With("Alpha", ConfigurationKeyNode.Value())
            : ConfigurationKeyNode.Section().With("Kind", ConfigurationKeyNode.Value()).With("Beta", ConfigurationKeyNode.Value()))));

    private static ConfigurationException? Check(params (string Key, string? Value)[] entries)
    {
        try
        {
            ConfigurationKeyChecker.Check(entries.Select(e => KeyValuePair.Create(e.Key, e.Value)), s_schema);
            return null;
        }
        catch (ConfigurationException e)
        {
            return e;
        }
    }

    [Fact]
    public void Check_KnownKeysListsAndMaps_Accepted()
    {
        var e = Check(("Demo", null), ("Demo:Port", "1883"), ("Demo:Names:0", "x"), ("Demo:Limits:anything", "2.5"), ("Demo:Nested:On", "true"),
            ("Site:Zones:0:Id", "Z1"), ("Site:Sensors:0:Family", "Perimeter"), ("Logging:LogLevel:Default", "Debug"));

        Assert.Null(e);
    }

    [Fact]
    public void Check_TypoInOurSection_NamesKeyAndNearestValidKey()
    {
        var e = Check(("Demo:Prt", "1883"));

        Assert.NotNull(e);
        Assert.Equal("Demo:Prt", e.Key);
        Assert.Equal("Demo:Prt: unknown key; did you mean Demo:Port?", e.Message);
    }

    [Fact]
    public void Check_NothingNear_ListsTheValidKeys()
    {
        var e = Check(("Demo:Nested:Zzzzzzzz", "1"));

        Assert.NotNull(e);
        Assert.Equal("Demo:Nested:Zzzzzzzz", e.Key);
        Assert.Contains("Demo:Nested takes On", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Demo:Port", "abc", "a whole number")]
    [InlineData("Demo:Port", "", "a whole number")]
    [InlineData("Demo:Nested:On", "yes", "true or false")]
    [InlineData("Demo:Limits:x", "lots", "a number")]
    [InlineData("Site:Sensors:0:Family", "Radar", "one of ")]
    public void Check_ValueOfTheWrongType_NamesKeyValueAndExpected(string key, string value, string expected)
    {
        var e = Check((key, value));

        Assert.NotNull(e);
        Assert.Equal(key, e.Key);
        Assert.Contains($"'{value}' is not valid; expected {expected}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ListWithANameInsteadOfAnIndex_Refused()
    {
        var e = Check(("Site:Zones:first:Id", "Z1"));

        Assert.NotNull(e);
        Assert.Equal("Site:Zones:first", e.Key);
    }

    [Fact]
    public void Check_KeyBelowAValue_Refused()
    {
        var e = Check(("Demo:Port:Number", "1"));

        Assert.NotNull(e);
        Assert.Equal("Demo:Port:Number", e.Key);
    }

    [Fact]
    public void Check_EntryKeysDependOnItsKind_OtherKindsKeysRefused()
    {
        Assert.Null(Check(("Choice:0:Kind", "a"), ("Choice:0:Alpha", "1"), ("Choice:1:Kind", "b"), ("Choice:1:Beta", "2")));

        var e = Check(("Choice:0:Kind", "a"), ("Choice:0:Beta", "1"));

        Assert.NotNull(e);
        Assert.Equal("Choice:0:Beta", e.Key);
    }

    [Fact]
    public void Check_ForeignTopLevelKeys_Ignored()
    {
        // Environment variables become top-level keys; only sections near one of ours are taken for a typo.
        Assert.Null(Check(("PATH", "/usr/bin"), ("HOME", "/root"), ("DOTNET_ROOT:x", "1")));

        var e = Check(("Dmo:Port", "1"));

        Assert.NotNull(e);
        Assert.Equal("Dmo: unknown section; did you mean Demo?", e.Message);
    }

    [Fact]
    public void Check_KeysDifferOnlyInCase_Accepted()
    {
        Assert.Null(Check(("demo:port", "1"), ("SITE:zones:0:ID", "Z1")));
    }

    [Theory]
    [InlineData("Port", "Prt", 1)]
    [InlineData("Host", "Hots", 2)]
    [InlineData("", "abc", 3)]
    public void Distance_Levenshtein(string a, string b, int expected) => Assert.Equal(expected, ClosestKey.Distance(a, b));

    private sealed class DemoOptions
    {
        public int Port { get; set; }

        public string Host { get; set; } = string.Empty;

        public List<string> Names { get; set; } = [];

        public Dictionary<string, double> Limits { get; set; } = [];

        public NestedOptions Nested { get; set; } = new();

        public bool Computed => Port > 0;
    }

    private sealed class NestedOptions
    {
        public bool On { get; set; }
    }
}
