using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Cli.Commands.Simulate;

/// <summary>
/// Logging for the simulator profiles inside <c>edgectl simulate</c>: warnings and errors go to standard error as one
/// line each (standard output carries the step lines); informational chatter is dropped.
/// </summary>
public sealed class WarningLoggerProvider : ILoggerProvider, ILogger
{
    private readonly TextWriter _error;
    private readonly object _gate = new();

    /// <summary>Creates the provider writing to <paramref name="error"/>.</summary>
    public WarningLoggerProvider(TextWriter error) => _error = error;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => this;

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var text = formatter(state, exception) + (exception is null ? string.Empty : ": " + exception.Message);
        lock (_gate)
        {
            _error.WriteLine($"edgectl simulate: {(logLevel == LogLevel.Warning ? "warning" : "error")}: {text.ReplaceLineEndings(" ")}");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // nothing held: the writer belongs to the caller
    }
}
