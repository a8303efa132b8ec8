using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Gateway.Logging;

/// <summary>One category's logger of <see cref="StandardErrorLoggerProvider"/>: formats an entry as one line.</summary>
internal sealed class StandardErrorLogger(string category, StandardErrorLoggerProvider provider) : ILogger
{
    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null; // scopes are not written (IncludeScopes was off)

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        if (string.IsNullOrEmpty(message) && exception is null)
        {
            return;
        }

        provider.WriteLine(Format(logLevel, eventId.Id, message, exception));
    }

    /// <summary>The line: <c>HH:mm:ss.fff info: Category[id] message exception</c>, or under systemd <c>&lt;6&gt;Category[id] ...</c>.</summary>
    internal string Format(LogLevel logLevel, int eventId, string? message, Exception? exception)
    {
        var line = new StringBuilder(160);
        if (provider.SystemdFormat)
        {
            line.Append(SyslogPrefix(logLevel));
        }
        else
        {
            line.Append(provider.UtcNow.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture)).Append(LevelName(logLevel)).Append(": ");
        }

        line.Append(category).Append('[').Append(eventId.ToString(CultureInfo.InvariantCulture)).Append(']');
        AppendOneLine(line, message);
        AppendOneLine(line, exception?.ToString());
        return line.Append('\n').ToString();
    }

    // One entry is one line, in the journal too: embedded newlines become spaces (as the console logger's single-line mode).
    private static void AppendOneLine(StringBuilder line, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            line.Append(' ').Append(text.ReplaceLineEndings(" "));
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    // sd-daemon(3): <7> debug, <6> info, <4> warning, <3> err, <2> crit.
    private static string SyslogPrefix(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "<7>",
        LogLevel.Information => "<6>",
        LogLevel.Warning => "<4>",
        LogLevel.Error => "<3>",
        _ => "<2>",
    };
}
