using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>Fusion's log messages (source-generated).</summary>
internal static partial class FusionLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Restore: alert {AlertId} skipped: {Reason}")]
    public static partial void RestoreSkipped(ILogger logger, string alertId, string reason);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Restore: {Count} active alert(s) continued")]
    public static partial void Restored(ILogger logger, int count);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Restore: alert {AlertId} names zone '{Zone}' that the site no longer has; kept as text")]
    public static partial void RestoreForeignZone(ILogger logger, string alertId, string zone);
}
