namespace Reintegratie.Edge.Core.Site;

/// <summary>What a <see cref="ConfigurationKeyNode"/> holds.</summary>
public enum ConfigurationKeyNodeKind
{
    /// <summary>A single value (a leaf).</summary>
    Value,

    /// <summary>A section with named keys.</summary>
    Section,

    /// <summary>A list: keys 0, 1, ...</summary>
    List,

    /// <summary>A map: any key, each entry the same node.</summary>
    Map,

    /// <summary>Anything below (not our section).</summary>
    Any,
}
