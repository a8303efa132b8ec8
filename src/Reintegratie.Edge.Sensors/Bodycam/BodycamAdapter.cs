using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Health;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Core.Time;
using Reintegratie.Edge.Sensors.Privacy;

namespace Reintegratie.Edge.Sensors.Bodycam;

/// <summary>
/// Watches one bodycam drop folder (a <see cref="FileSystemWatcher"/> plus a periodic rescan, because the watcher can
/// drop events). A sidecar is read only when its size and modification time stayed unchanged for StableMs; a valid one
/// is published as an <see cref="EventKind.Bodycam"/> event (At = the recording's end) and moved to processed/; an
/// invalid one goes to quarantine/ with a reason file; a recording id seen before publishes nothing (idempotent across
/// restarts). Health: touched on every successful scan, faulty while the drop folder is missing or unreadable.
/// </summary>
public sealed partial class BodycamAdapter : ISensorAdapter
{
    private readonly Sensor _sensor;
    private readonly BodycamOptions _options;
    private readonly BodycamFolders _folders;
    private readonly BodycamScanner _scanner;
    private readonly AdapterContext _context;
    private readonly ILogger _logger;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _scans;

    /// <summary>Creates the adapter; <paramref name="unitZones"/> maps sidecar unit names to zone indexes.</summary>
    public BodycamAdapter(Sensor sensor, BodycamOptions options, IReadOnlyDictionary<string, int> unitZones, Pseudonymiser pseudonymiser, AdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _sensor = sensor;
        _options = options;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<BodycamAdapter>();
        _folders = new BodycamFolders(options.ResolvedProcessedFolder, options.ResolvedQuarantineFolder);
        _scanner = new BodycamScanner(Name, sensor, options, _folders, unitZones, pseudonymiser, context, _logger);
        Sensors = [sensor.Index];
        Progress = new AdapterProgress(context.Time, TimeSpan.FromSeconds(options.StallSeconds), "scan_stalled");
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Sensors { get; }

    /// <summary>
    /// The scan loop: each scan is a turn; one still running after <c>StallSeconds</c> (a blocking file, a hung mount) is
    /// a stall the supervisor reports as <c>sensor_fault</c> <c>scan_stalled</c> before it restarts the adapter.
    /// </summary>
    public AdapterProgress Progress { get; }

    /// <inheritdoc />
    public string Name => $"bodycam:{_sensor.Id}";

    /// <summary>Recordings published.</summary>
    public long Published => _scanner.Published;

    /// <summary>Sidecars moved to quarantine.</summary>
    public long Quarantined => _scanner.Quarantined;

    /// <summary>Sidecars skipped because their recording was processed before.</summary>
    public long Duplicates => _scanner.Duplicates;

    /// <summary>Completed scans (tests wait on this instead of on time).</summary>
    public long Scans => Interlocked.Read(ref _scans);

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!Directory.Exists(_options.DropFolder))
                {
                    throw new DirectoryNotFoundException("the drop folder does not exist");
                }

                _folders.Open();
                using var watcher = StartWatcher();
                backoff.Reset();
                await WatchAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (UnsafeFolderException e)
            {
                LogFolderFault(_logger, Name, _options.DropFolder, e.Message);
                _context.Health.Report(_sensor.Index, SensorStatus.Fault, "side_folder_unsafe", _context.Time.GetUtcNow());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogFolderFault(_logger, Name, _options.DropFolder, e.Message);
                _context.Health.Report(_sensor.Index, SensorStatus.Fault, "drop_folder_unavailable", _context.Time.GetUtcNow());
            }

            try
            {
                await Task.Delay(backoff.Next(), _context.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the watcher lives and dies inside RunAsync

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var loop = Progress.Loop();
        var recovering = true;
        while (true)
        {
            Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)); // swap before scanning: no event is lost
            bool pending;
            loop.Begin();
            try
            {
                pending = _scanner.Scan();
            }
            finally
            {
                loop.End();
            }

            Interlocked.Increment(ref _scans); // read by tests on other threads
            var now = _context.Time.GetUtcNow();
            if (recovering) // a (re)started watch: clear the fault of the failure or stall before it
            {
                recovering = false;
                _context.Health.Report(_sensor.Index, SensorStatus.Offline, "scanning", now); // clears a fault; Touch brings it online
            }

            _context.Health.Touch(_sensor.Index, now);
            var delay = pending ? TimeSpan.FromMilliseconds(Math.Max(50, _options.StableMs / 4)) : TimeSpan.FromSeconds(_options.RescanSeconds);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delayTask = Task.Delay(delay, _context.Time, timeout.Token);
            await Task.WhenAny(Volatile.Read(ref _wake).Task, delayTask).ConfigureAwait(false);
            await timeout.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private FileSystemWatcher? StartWatcher()
    {
        try
        {
            var watcher = new FileSystemWatcher(_options.DropFolder, "*.json")
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Created += (_, _) => Wake();
            watcher.Changed += (_, _) => Wake();
            watcher.Renamed += (_, _) => Wake();
            watcher.Error += (_, _) => Wake(); // overflow: the next scan finds everything anyway
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            LogWatcherUnavailable(_logger, Name, e.Message);
            return null; // the periodic rescan still finds every file
        }
    }

    private void Wake() => Volatile.Read(ref _wake).TrySetResult();

    [LoggerMessage(EventId = 244, Level = LogLevel.Error, Message = "{Name}: drop folder {Folder} unavailable ({Error}); retrying with backoff")]
    private static partial void LogFolderFault(ILogger logger, string name, string folder, string error);

    [LoggerMessage(EventId = 245, Level = LogLevel.Warning, Message = "{Name}: no file system watcher ({Error}); relying on the periodic rescan")]
    private static partial void LogWatcherUnavailable(ILogger logger, string name, string error);
}
