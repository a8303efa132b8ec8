namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// Every fuzz target, by the name <c>fuzz.sh</c> and the command line use. Target constructors must not touch our
/// parsers (or SiteModel, protobuf, ...): under afl-fuzz those assemblies are instrumented, and instrumented code that
/// runs before <c>Fuzzer.Run</c> has mapped the coverage memory crashes the process (SIGABRT before the fork server).
/// </summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new RemoteIdFrameTarget(),
        new RemoteIdLineTarget(),
        new MavlinkFrameTarget(),
        new CaptureTarget(),
        new RfSentenceTarget(),
        new SapientFrameTarget(),
        new SapientJsonTarget(),
        new GsmLineTarget(),
        new TlsLinkTarget(),
        new BodycamSidecarTarget(),
        new SiteConfigurationTarget(),
    ];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
