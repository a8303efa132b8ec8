namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>Every fuzz target, by the name <c>fuzz.sh</c> and the command line use.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new RemoteIdFrameTarget(),
        new RemoteIdLineTarget(),
        new RfSentenceTarget(),
        new SapientFrameTarget(),
        new SapientJsonTarget(),
        new GsmLineTarget(),
        new BodycamSidecarTarget(),
        new SiteConfigurationTarget(),
    ];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
