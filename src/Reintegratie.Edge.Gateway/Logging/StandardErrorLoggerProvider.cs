using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Gateway.Logging;

/// <summary>
/// Log lines on standard error, one line per entry, written synchronously: <c>HH:mm:ss.fff info: Category[id] message</c>
/// (the console logger's "simple" single-line format, UTC), or under systemd <c>&lt;6&gt;Category[id] message</c> (the
/// sd-daemon(3) priority prefix journald reads, no timestamp: the journal has its own). Standard output is left to the
/// alert JSON lines of <c>--print-alerts</c>.
/// </summary>
/// <remarks>
/// Replaces <c>AddSimpleConsole</c>: that provider needs a DI container for its options and formatters (built by
/// reflection, about 40 ms of the NativeAOT start's CPU) and a queue thread of its own. A gateway logs rarely (malformed
/// frames are rate-limited by their adapters), so a line is formatted on the caller's thread and written with one
/// <c>write(2)</c>. The alias "Console" keeps <c>Logging:Console:LogLevel</c> working.
/// </remarks>
[ProviderAlias("Console")]
public sealed class StandardErrorLoggerProvider : ILoggerProvider
{
    private readonly TextWriter _writer;
    private readonly TimeProvider _time;

    /// <summary>Creates the provider; <paramref name="writer"/> defaults to <see cref="Console.Error"/>.</summary>
    public StandardErrorLoggerProvider(bool systemdFormat, TimeProvider? time = null, TextWriter? writer = null)
    {
        SystemdFormat = systemdFormat;
        _time = time ?? TimeProvider.System;
        _writer = writer ?? Console.Error;
    }

    /// <summary>True: journald's priority prefix instead of a timestamp and a level name.</summary>
    public bool SystemdFormat { get; }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new StandardErrorLogger(categoryName, this);

    /// <summary>Writes one formatted line (ending in a newline) in one call; the writer is synchronized.</summary>
    internal void WriteLine(string line) => _writer.Write(line);

    /// <summary>The current time in UTC, for the line's timestamp.</summary>
    internal DateTimeOffset UtcNow => _time.GetUtcNow();

    /// <inheritdoc />
    public void Dispose() => _writer.Flush();
}
