using System.Net;
using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Sensors.Transports;

/// <summary>Log messages of <see cref="TcpLineListener"/> (no line content is ever logged here).</summary>
public sealed partial class TcpLineListener
{
    [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "Line listener on {Endpoint}")]
    private static partial void LogListening(ILogger logger, EndPoint endpoint);

    [LoggerMessage(EventId = 221, Level = LogLevel.Information, Message = "Line client {Remote} connected")]
    private static partial void LogConnected(ILogger logger, EndPoint? remote);

    [LoggerMessage(EventId = 222, Level = LogLevel.Information, Message = "Line client {Remote} disconnected ({Why})")]
    private static partial void LogDisconnected(ILogger logger, EndPoint? remote, string why);

    [LoggerMessage(EventId = 223, Level = LogLevel.Warning, Message = "Line client {Remote} refused: already {Max} clients")]
    private static partial void LogRefused(ILogger logger, EndPoint? remote, int max);

    [LoggerMessage(EventId = 224, Level = LogLevel.Error, Message = "Line client {Remote} failed ({Error}); connection closed")]
    private static partial void LogServeFailed(ILogger logger, EndPoint? remote, string error);

    [LoggerMessage(EventId = 225, Level = LogLevel.Error, Message = "Line handler failed ({Error}); line skipped")]
    private static partial void LogHandlerFailed(ILogger logger, string error);
}
