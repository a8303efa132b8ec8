using BenchmarkDotNet.Running;

namespace Reintegratie.Edge.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet switcher (e.g. <c>-- --filter '*RemoteId*' --job short</c>).</summary>
public static class Program
{
    /// <summary>Runs the selected benchmarks.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
