using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Reintegratie.Edge.Sensors.Tests.Sapient;

/// <summary>A flat configuration section over a dictionary (the test project has no configuration builder).</summary>
internal sealed class DictionarySection(string path, IReadOnlyDictionary<string, string?> values) : IConfigurationSection
{
    public string Key => path[(path.LastIndexOf(':') + 1)..];

    public string Path => path;

    public string? Value { get; set; }

    public string? this[string key]
    {
        get => values.TryGetValue(key, out var v) ? v : null;
        set => throw new NotSupportedException();
    }

    public IConfigurationSection GetSection(string key) => new DictionarySection($"{path}:{key}", new Dictionary<string, string?>()) { Value = this[key] };

    public IEnumerable<IConfigurationSection> GetChildren() => values.Keys.Select(GetSection);

    public IChangeToken GetReloadToken() => new CancellationChangeToken(CancellationToken.None);
}
