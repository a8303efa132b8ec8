using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Pipeline;
using Reintegratie.Edge.Journal.Writing;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// Turns the journal's own conditions into gateway health events in the pipeline, so fusion raises (or ends) a
/// <c>sensor_fault</c> on "gateway": a journal fault, its recovery, outbox shedding, and a corrupt journal moved aside at
/// start (<see cref="ReportRecoveryAtStart"/>).
/// </summary>
internal sealed partial class JournalConditionReporter
{
    private readonly JournalWriter _journal;
    private readonly EventPipeline _pipeline;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public JournalConditionReporter(JournalWriter journal, EventPipeline pipeline, TimeProvider time, ILogger logger)
    {
        _journal = journal;
        _pipeline = pipeline;
        _time = time;
        _logger = logger;
        journal.OutboxShedding += _ => ReportFromJournal(SensorStatus.Fault, SensorStatus.Online, "outbox_shedding");
        journal.Faulted += reason => ReportFromJournal(SensorStatus.Fault, SensorStatus.Online, reason);
        journal.Recovered += () => ReportFromJournal(SensorStatus.Online, SensorStatus.Fault, "journal_recovered");
    }

    /// <summary>Once the pipeline runs: a journal found corrupt at start (and moved aside) is a gateway fault.</summary>
    public void ReportRecoveryAtStart()
    {
        if (_journal.Recovery is { } recovery)
        {
            LogJournalRecovered(_logger, recovery.MovedTo, recovery.Reason);
            Publish(SensorStatus.Fault, SensorStatus.Online, "journal_corrupt_moved_aside");
        }
    }

    /// <summary>
    /// Published from the thread pool: the journal thread raised it, and a full ring waits for that very thread.
    /// </summary>
    private void ReportFromJournal(SensorStatus status, SensorStatus previous, string reason)
    {
        LogJournalState(_logger, reason, _journal.HeldRows, _journal.EventsNotJournaled);
        _ = Task.Run(() =>
        {
            try
            {
                Publish(status, previous, reason);
            }
            catch (ObjectDisposedException)
            {
                // Stopping: the pipeline is gone; the journal's own log lines record the condition.
            }
        });
    }

    private void Publish(SensorStatus status, SensorStatus previous, string reason)
    {
        var health = new HealthData { Status = status, Previous = previous };
        health.Reason.Set(reason);
        _pipeline.PublishHealth(new EventHeader(EventKind.Gateway, SensorFamily.Gateway, -1, -1, _time.GetUtcNow()), health);
    }

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Journal state {Reason}: {Held} rows held in memory, {Skipped} events not journaled so far")]
    private static partial void LogJournalState(ILogger logger, string reason, int held, long skipped);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "The journal was corrupt at start; moved to {MovedTo} ({Reason}); a new journal was started")]
    private static partial void LogJournalRecovered(ILogger logger, string movedTo, string reason);
}
