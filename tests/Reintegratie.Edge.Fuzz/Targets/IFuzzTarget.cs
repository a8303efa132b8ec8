namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// One parser under fuzz. <see cref="Run"/> feeds it one input: the parser's documented rejection (TryParse
/// returning false, or its domain exception) returns normally; any other exception escapes and is a crash.
/// </summary>
internal interface IFuzzTarget
{
    /// <summary>The name given on the command line and used for corpus and findings folders.</summary>
    string Name { get; }

    /// <summary>What is fuzzed, for <c>list</c>.</summary>
    string Description { get; }

    /// <summary>Runs the parser over one input.</summary>
    void Run(ReadOnlySpan<byte> input);

    /// <summary>Writes seed inputs built from the repository's real examples into <paramref name="corpus"/>.</summary>
    void WriteSeeds(SeedSources sources, SeedWriter corpus);
}
