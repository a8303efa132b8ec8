using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Sensors.Perimeter;

/// <summary>Log messages of the perimeter adapter (source-generated: nothing is formatted unless the level is on).</summary>
internal static partial class PerimeterLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "{Sensor}: watching {Input} ({Mode})")]
    public static partial void Started(ILogger logger, string sensor, string input, PerimeterMode mode);

    [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "{Sensor}: {Previous} -> {State} (supervision: {FromSupervision})")]
    public static partial void StateChanged(ILogger logger, string sensor, PerimeterState previous, PerimeterState state, bool fromSupervision);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "{Sensor}: fault ({Reason}), {Transitions} transitions in the last minute")]
    public static partial void Fault(ILogger logger, string sensor, string reason, int transitions);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "{Sensor}: recovered from {Reason}, input is {State}")]
    public static partial void Recovered(ILogger logger, string sensor, string reason, PerimeterState state);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "{Sensor}: cannot open {Input}, retrying in {DelayMs:F0} ms")]
    public static partial void OpenFailed(ILogger logger, Exception exception, string sensor, string input, double delayMs);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "{Sensor}: cannot read {Input}")]
    public static partial void ReadFailed(ILogger logger, Exception exception, string sensor, string input);

    [LoggerMessage(EventId = 406, Level = LogLevel.Error, Message = "{Sensor}: unexpected error in {Where}; the input keeps running")]
    public static partial void Unexpected(ILogger logger, Exception exception, string sensor, string where);
}
