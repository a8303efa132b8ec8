using Reintegratie.Edge.Core.Events;
using Reintegratie.Edge.Sensors.Gsm;

namespace Reintegratie.Edge.Fuzz.Targets;

/// <summary>
/// The GSM umbrella JSON line parser, then the redactor the adapter logs a rejected line with. Rejection:
/// <see cref="GsmLineParser.TryParse"/> returning false with a reason.
/// </summary>
internal sealed class GsmLineTarget : IFuzzTarget
{
    private static readonly GsmSensorTable s_sensors = new(FuzzSite.Model.Sensors.Where(s => s.Family == SensorFamily.Gsm));

    public string Name => "gsm";

    public string Description => "GSM umbrella JSON line -> GsmLineParser.TryParse (+ GsmLineRedactor on rejection)";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (GsmLineParser.TryParse(input, s_sensors, FuzzSite.Pseudonymiser, out _, out var reason))
        {
            return;
        }

        if (string.IsNullOrEmpty(reason))
        {
            throw new FuzzContractException("GsmLineParser rejected a line without a reason");
        }

        _ = GsmLineRedactor.Redact(input);
    }

    public void WriteSeeds(SeedSources sources, SeedWriter corpus)
    {
        foreach (var line in sources.DocumentedLines().Where(l => l.StartsWith("{\"time\"", StringComparison.Ordinal)))
        {
            corpus.Add("documented", line);
        }

        corpus.Add("minimal", """{"time":"2025-03-01T12:00:00Z","sensor":"gsm-1","technology":"NR","band":78,"channel":636666,"uplink_dbm":-80,"mcc":204,"mnc":16,"action":"denied"}""");
        corpus.Add("escaped", """{"time":"2025-03-01T12:00:00+01:00","sensor":"gsm\u002D1","technology":"GSM","band":900,"channel":62,"uplink_dbm":-101.25,"mcc":204,"mnc":4,"imsi":"204041234567890","action":"allowed"}""");
    }
}
