using Microsoft.Extensions.Logging;
using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Sensors.Privacy;

namespace Reintegratie.Edge.Sensors.Bodycam;

/// <summary>
/// One pass over a bodycam drop folder (<see cref="BodycamAdapter"/> runs it): a sidecar is read only when its size and
/// modification time stayed unchanged for StableMs; a valid one is published and moved to processed/, an invalid one to
/// quarantine/ with a reason file, a recording seen before to processed/duplicates.
/// </summary>
internal sealed partial class BodycamScanner
{
    private readonly string _name;
    private readonly Sensor _sensor;
    private readonly BodycamOptions _options;
    private readonly BodycamFolders _folders;
    private readonly Pseudonymiser _pseudonymiser;
    private readonly IReadOnlyDictionary<string, int> _unitZones;
    private readonly AdapterContext _context;
    private readonly ILogger _logger;
    private readonly Dictionary<string, (long Size, DateTime Modified, long SinceTicks)> _seen = new(StringComparer.Ordinal);
    private long _published;
    private long _quarantined;
    private long _duplicates;

    public BodycamScanner(string name, Sensor sensor, BodycamOptions options, BodycamFolders folders, IReadOnlyDictionary<string, int> unitZones,
        Pseudonymiser pseudonymiser, AdapterContext context, ILogger logger)
    {
        _name = name;
        _sensor = sensor;
        _options = options;
        _folders = folders;
        _unitZones = unitZones;
        _pseudonymiser = pseudonymiser;
        _context = context;
        _logger = logger;
    }

    public long Published => Interlocked.Read(ref _published);

    public long Quarantined => Interlocked.Read(ref _quarantined);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Handles every stable sidecar; returns true when some file is still settling.</summary>
    public bool Scan()
    {
        var now = _context.Time.GetUtcNow();
        var pending = false;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(_options.DropFolder, "*.json"))
        {
            if (Path.GetFileName(path).StartsWith('.'))
            {
                continue; // hidden temporary files of the writer
            }

            present.Add(path);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                continue;
            }

            var key = (info.Length, info.LastWriteTimeUtc);
            if (!_seen.TryGetValue(path, out var seen) || seen.Size != key.Length || seen.Modified != key.LastWriteTimeUtc)
            {
                _seen[path] = (key.Length, key.LastWriteTimeUtc, now.UtcTicks);
                pending = true;
                continue;
            }

            var stableFor = TimeSpan.FromTicks(now.UtcTicks - seen.SinceTicks);
            if (stableFor.TotalMilliseconds < _options.StableMs)
            {
                pending = true;
                continue;
            }

            try
            {
                if (Process(path, info.Length, stableFor, now))
                {
                    _seen.Remove(path);
                }
                else
                {
                    pending = true;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogFileError(_logger, _name, Path.GetFileName(path), e.GetType().Name);
                pending = true; // try again on the next pass
            }
        }

        foreach (var gone in _seen.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _seen.Remove(gone);
        }

        return pending;
    }

    /// <summary>Handles one stable sidecar; false when it must wait (it still looks incomplete).</summary>
    private bool Process(string path, long size, TimeSpan stableFor, DateTimeOffset now)
    {
        var name = Path.GetFileName(path);
        if (size > _options.MaxSidecarBytes)
        {
            Quarantine(path, $"the file has {size} bytes; a sidecar is at most {_options.MaxSidecarBytes}", now);
            return true;
        }

        if (!SidecarFile.TryRead(path, _options.MaxSidecarBytes, out var bytes, out var refused))
        {
            Quarantine(path, refused, now); // a symlink, FIFO or device is moved by name, never opened
            return true;
        }

        var outcome = BodycamSidecarParser.TryParse(bytes, _pseudonymiser, out var recording, out var reason);
        if (outcome == BodycamParseOutcome.Incomplete)
        {
            // A writer may pause longer than StableMs; give a truncated file five times that before giving up on it.
            if (stableFor.TotalMilliseconds < 5 * _options.StableMs)
            {
                return false;
            }

            Quarantine(path, reason, now);
            return true;
        }

        if (outcome == BodycamParseOutcome.Invalid)
        {
            Quarantine(path, reason, now);
            return true;
        }

        if (_folders.IsProcessed(recording!.RecordingId))
        {
            _folders.MarkDuplicate(path);
            Interlocked.Increment(ref _duplicates); // read by tests on other threads
            LogDuplicate(_logger, _name, name, recording.RecordingId);
            return true;
        }

        var zone = _unitZones.TryGetValue(recording.Unit, out var z) ? z : -1;
        if (zone < 0)
        {
            LogUnknownUnit(_logger, _name, recording.RecordingId, recording.Unit);
        }

        // At = the recording's end: the moment the evidence is complete; fusion matches alerts on Start..End itself.
        _context.Sink.PublishObject(new EventHeader(EventKind.Bodycam, SensorFamily.Bodycam, _sensor.Index, zone, recording.End), recording);
        Interlocked.Increment(ref _published); // read by tests on other threads
        _folders.MarkProcessed(path, recording.RecordingId); // after publishing: a crash in between republishes (at least once), never loses
        return true;
    }

    private void Quarantine(string path, string reason, DateTimeOffset now)
    {
        var target = _folders.MoveToQuarantine(path, reason, now);
        Interlocked.Increment(ref _quarantined); // read by tests on other threads
        LogQuarantined(_logger, _name, Path.GetFileName(path), reason, target);
    }

    [LoggerMessage(EventId = 240, Level = LogLevel.Warning, Message = "{Name}: sidecar {File} quarantined ({Reason}) to {Target}")]
    private static partial void LogQuarantined(ILogger logger, string name, string file, string reason, string target);

    [LoggerMessage(EventId = 241, Level = LogLevel.Information, Message = "{Name}: sidecar {File} repeats recording {RecordingId}; moved to duplicates, nothing published")]
    private static partial void LogDuplicate(ILogger logger, string name, string file, string recordingId);

    [LoggerMessage(EventId = 242, Level = LogLevel.Warning, Message = "{Name}: recording {RecordingId} has unit '{Unit}' which maps to no zone (configure Units)")]
    private static partial void LogUnknownUnit(ILogger logger, string name, string recordingId, string unit);

    [LoggerMessage(EventId = 243, Level = LogLevel.Warning, Message = "{Name}: sidecar {File} cannot be handled yet ({Error}); retrying")]
    private static partial void LogFileError(ILogger logger, string name, string file, string error);
}
