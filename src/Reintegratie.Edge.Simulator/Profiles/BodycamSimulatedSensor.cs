using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Reintegratie.Edge.Simulator.Profiles;

/// <summary>
/// A simulated docking/evidence system: <see cref="PrepareAsync"/> creates a drop folder under the work directory and
/// returns it as <c>DropFolder</c>; action <c>upload</c> (args recordingId, wearer, unit, startOffsetSeconds,
/// durationSeconds, valid = true, slow = false) writes one sidecar (hardware/protocols/bodycam-metadata.md). With
/// <c>slow</c> the file is written in pieces over about two seconds, as a docking station on a busy share does;
/// with <c>valid: false</c> the sidecar carries a malformed hash, so the gateway must quarantine it.
/// </summary>
public sealed class BodycamSimulatedSensor : ISimulatedSensor
{
    private readonly SimulationContext _context;
    private readonly List<Task> _background = [];
    private int _counter;

    /// <summary>Creates the simulated docking system.</summary>
    public BodycamSimulatedSensor(string sensorId, SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        SensorId = sensorId;
        _context = context;
        DropFolder = Path.Combine(context.WorkDirectory, "bodycam-" + sensorId);
    }

    /// <inheritdoc />
    public string SensorId { get; }

    /// <summary>The drop folder it writes into.</summary>
    public string DropFolder { get; }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string?>> PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DropFolder);
        return Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?> { ["DropFolder"] = DropFolder });
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task ExecuteAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Action != "upload")
        {
            throw new ArgumentException($"Bodycam simulator: unknown action '{step.Action}' (expected upload).", nameof(step));
        }

        var args = step.Args;
        var id = GsmSimulatorLine.TextArg(args, "recordingId") ?? $"REC-{SensorId}-{Interlocked.Increment(ref _counter):D4}";
        var bytes = Sidecar(args, id, _context.Time.GetUtcNow());
        var path = Path.Combine(DropFolder, id + ".json");
        if (!Flag(args, "slow", false))
        {
            File.WriteAllBytes(path, bytes);
            return Task.CompletedTask;
        }

        lock (_background)
        {
            _background.Add(WriteSlowlyAsync(path, bytes, cancellationToken));
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits for slow uploads still being written.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] pending;
        lock (_background)
        {
            pending = [.. _background];
        }

        try
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the scenario was stopped mid-upload: the partial file stays, as it would on a real share
        }
    }

    private async Task WriteSlowlyAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        const int pieces = 10;
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        await using (stream.ConfigureAwait(false))
        {
            var size = (bytes.Length + pieces - 1) / pieces;
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(200), _context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private byte[] Sidecar(JsonElement args, string id, DateTimeOffset now)
    {
        var start = now.AddSeconds(GsmSimulatorLine.NumberArg(args, "startOffsetSeconds") ?? -120);
        var end = start.AddSeconds(GsmSimulatorLine.NumberArg(args, "durationSeconds") ?? 90);
        var valid = Flag(args, "valid", true);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("recording_id", id);
            w.WriteString("device_serial", "BC-" + SensorId);
            w.WriteString("wearer_id", GsmSimulatorLine.TextArg(args, "wearer") ?? "P100001");
            w.WriteString("start_utc", start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("end_utc", end.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("sha256", valid ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id))) : "not-a-sha256");
            w.WriteNumber("size_bytes", 1_048_576L * (long)Math.Max(1, (end - start).TotalSeconds));
            w.WriteString("trigger", "manual");
            w.WriteString("unit", GsmSimulatorLine.TextArg(args, "unit") ?? "living-unit");
            w.WriteString("uploaded_at", now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("source_system", "simulated-dock");
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool Flag(JsonElement args, string name, bool fallback) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean()
            : fallback;
}
