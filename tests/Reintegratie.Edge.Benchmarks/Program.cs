using BenchmarkDotNet.Running;
using Reintegratie.Edge.Benchmarks.Harness;

namespace Reintegratie.Edge.Benchmarks;

/// <summary>
/// Entry point. <c>--all [--out DIR] [--docs FILE] [--quick]</c> runs the target harness (`make bench`);
/// <c>--floor ...</c> is the e2e floor's child process (<see cref="EndToEnd.FloorLoop"/>);
/// anything else goes to BenchmarkDotNet's switcher (e.g. <c>--filter '*RemoteId*' --job short</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == EndToEnd.FloorLoop.Argument)
        {
            return EndToEnd.FloorLoop.Run(args); // the floor's own process, started by the e2e harness
        }

        if (args.Contains("--all"))
        {
            string Arg(string name, string fallback)
            {
                var i = Array.IndexOf(args, name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            }

            return BenchRunner.Run(Arg("--out", "artifacts/bench"), Arg("--docs", "docs/BENCHMARKS.md"), args.Contains("--quick"));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
