using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Diagnostics;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// Starts and stops the <see cref="GatewayParts"/> in order, as one hosted service. Start: the site snapshot and the
/// journal's start marker (what fusion restored, for edgectl replay), the pipeline, the journal's recovery report, health supervision, then the adapters (READY follows once every hosted
/// service has started, so after the journal is open and the adapters run). Stop: the adapters, then the pipeline
/// drains and the journal commits its last batch.
/// </summary>
public sealed partial class GatewayRuntime : IHostedService, IDisposable
{
    private readonly GatewayParts _parts;
    private readonly GatewaySettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<Task> _adapterTasks = [];
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _supervision;

    /// <summary>Creates the runtime of <paramref name="parts"/>; nothing starts before <see cref="StartAsync"/>.</summary>
    public GatewayRuntime(GatewayParts parts, GatewaySettings settings, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(settings);
        _parts = parts;
        _settings = settings;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var snapshot = SiteSnapshot.Write(_settings.Configuration, _settings.StateDirectory, _settings.Fusion.IdSeed);
        // Before the first event of this run: what fusion was given at start, so edgectl replay does the same here.
        var journal = _parts.Journal;
        journal.WriteStart(new StartMarker([.. _parts.Restored.Select(a => new RestoredAlert(a.Id, a.Revision))], _parts.AlertIds.Seed, _parts.AlertIds.Counter,
            journal.NextEventId, StartMarker.DigestOf(snapshot)));
        _parts.Pipeline.Start();
        _parts.Conditions.ReportRecoveryAtStart();
        _supervision = _time.CreateTimer(static s => ((GatewayParts)s!).Health.Supervise(), _parts, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        foreach (var supervisor in _parts.Adapters)
        {
            _adapterTasks.Add(Task.Run(() => supervisor.RunAsync(_stopping.Token), CancellationToken.None));
        }

        StartTrace.Mark("pipeline and adapters started");
        LogStarted(_logger, _settings.Site.Name, _settings.Site.Zones.Count, _settings.Site.Sensors.Count, _parts.Adapters.Count, _settings.Journal.Path);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _supervision?.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_adapterTasks).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var supervisor in _parts.Adapters)
        {
            try
            {
                await supervisor.Adapter.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogAdapterFailed(_logger, ex, supervisor.Adapter.Name);
            }
        }

        var drained = _parts.Pipeline.Stop(TimeSpan.FromSeconds(10));
        LogStopped(_logger, drained, _parts.Journal.Head.Seq);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _supervision?.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Gateway started: site {Site}, {Zones} zones, {Sensors} sensors, {Adapters} adapters, journal {Journal}")]
    private static partial void LogStarted(ILogger logger, string site, int zones, int sensors, int adapters, string journal);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Gateway stopped: pipeline drained {Drained}, journal head seq {Seq}")]
    private static partial void LogStopped(ILogger logger, bool drained, long seq);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Adapter {Adapter} failed")]
    private static partial void LogAdapterFailed(ILogger logger, Exception ex, string adapter);
}
