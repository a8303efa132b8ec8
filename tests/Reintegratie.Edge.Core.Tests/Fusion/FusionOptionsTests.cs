using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Fusion;
using Reintegratie.Edge.Core.Site;

namespace Reintegratie.Edge.Core.Tests.Fusion;

public class FusionOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        var ex = Record.Exception(() => new FusionOptions().Validate());

        Assert.Null(ex);
    }

    public static TheoryData<Action<FusionOptions>, string> BadValues => new()
    {
        { o => o.DropWindowSeconds = 0, "Fusion:DropWindowSeconds" },
        { o => o.DroneQuietSeconds = -1, "Fusion:DroneQuietSeconds" },
        { o => o.BreachEscalationSeconds = double.NaN, "Fusion:BreachEscalationSeconds" },
        { o => o.PerimeterQuietSeconds = 0, "Fusion:PerimeterQuietSeconds" },
        { o => o.ContrabandWindowMinutes = 0, "Fusion:ContrabandWindowMinutes" },
        { o => o.HandsetQuietSeconds = 0, "Fusion:HandsetQuietSeconds" },
        { o => o.EvidenceCap = 0, "Fusion:EvidenceCap" },
        { o => o.UpdateMinIntervalSeconds = -5, "Fusion:UpdateMinIntervalSeconds" },
        { o => o.MaxBypassHours = 0, "Fusion:MaxBypassHours" },
        { o => o.LateEvidenceMinutes = -1, "Fusion:LateEvidenceMinutes" },
        { o => o.CorrelationMeters = 0, "Fusion:CorrelationMeters" },
        { o => o.CorrelationSeconds = 0, "Fusion:CorrelationSeconds" },
        { o => o.TrackCapacity = 0, "Fusion:TrackCapacity" },
        { o => o.DropSeverity = (Severity)9, "Fusion:DropSeverity" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Validate_BadValue_ThrowsNamingKey(Action<FusionOptions> spoil, string key)
    {
        var options = new FusionOptions();
        spoil(options);

        var ex = Assert.Throws<ConfigurationException>(options.Validate);

        Assert.Equal(key, ex.Key);
    }
}
