using Reintegratie.Edge.Fuzz;
using Reintegratie.Edge.Fuzz.Targets;
using SharpFuzz;

// Usage:
//   Reintegratie.Edge.Fuzz <target>                                   fuzz under afl-fuzz (persistent mode, input on stdin)
//   Reintegratie.Edge.Fuzz replay <target> <file|dir>...              run inputs in-process; exit 1 if any crashes
//   Reintegratie.Edge.Fuzz seed <target> <corpus-dir> <repo-root> <conformance-root>
//   Reintegratie.Edge.Fuzz list
if (args.Length == 0)
{
    return Usage();
}

switch (args[0])
{
    case "list":
        foreach (var t in FuzzTargets.All)
        {
            Console.WriteLine($"{t.Name,-14} {t.Description}");
        }

        return 0;
    case "replay" when args.Length >= 3 && FuzzTargets.Find(args[1]) is { } replayTarget:
        return Replay.Run(replayTarget, args[2..]);
    case "seed" when args.Length == 5 && FuzzTargets.Find(args[1]) is { } seedTarget:
        var corpus = new SeedWriter(args[2]);
        seedTarget.WriteSeeds(new SeedSources(args[3], args[4]), corpus);
        Console.WriteLine($"{seedTarget.Name}: {corpus.Count} seeds in {args[2]}");
        return corpus.Count > 0 ? 0 : 1;
    default:
        if (args.Length != 1 || FuzzTargets.Find(args[0]) is not { } target)
        {
            return Usage();
        }

        // One reusable buffer: afl-fuzz hands over one input per iteration on stdin.
        var buffer = new MemoryStream();
        Fuzzer.Run(stream =>
        {
            buffer.SetLength(0);
            stream.CopyTo(buffer);
            target.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        });
        return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Reintegratie.Edge.Fuzz <target> | replay <target> <file|dir>... | seed <target> <corpus-dir> <repo-root> <conformance-root> | list");
    Console.Error.WriteLine($"targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}
