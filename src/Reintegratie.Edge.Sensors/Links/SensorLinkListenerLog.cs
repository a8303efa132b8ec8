using System.Net;
using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Sensors.Links;

/// <summary>Log messages of <see cref="SensorLinkListener"/> (no payload is ever logged here).</summary>
internal static partial class SensorLinkListenerLog
{
    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "{Name}: listening on {Endpoint} ({Mode})")]
    internal static partial void LogListening(ILogger logger, string name, IPEndPoint endpoint, string mode);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "{Name}: SensorLinks:AllowUnauthenticated is set: sensors listed by address are admitted without TLS; NOT production grade")]
    internal static partial void LogNotProductionGrade(ILogger logger, string name);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Warning, Message = "{Name}: handshake with {Remote} failed: {Why}")]
    internal static partial void LogHandshakeFailed(ILogger logger, string name, IPEndPoint remote, string why);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Warning, Message = "{Name}: {Remote} presented a certificate for no sensor of this listener ({Names}), or too many links; refused")]
    internal static partial void LogUnknownCertificate(ILogger logger, string name, IPEndPoint remote, string names);

    [LoggerMessage(EventId = 2405, Level = LogLevel.Information, Message = "{Name}: link from {Remote} opened ({Identity})")]
    internal static partial void LogOpened(ILogger logger, string name, IPEndPoint remote, string identity);

    [LoggerMessage(EventId = 2406, Level = LogLevel.Information, Message = "{Name}: link from {Remote} closed ({Why})")]
    internal static partial void LogClosed(ILogger logger, string name, IPEndPoint remote, string why);

    [LoggerMessage(EventId = 2407, Level = LogLevel.Warning, Message = "{Name}: sensor {SensorId} connected again; its silent link from {Remote} was closed")]
    internal static partial void LogReplaced(ILogger logger, string name, string sensorId, IPEndPoint remote);
}
