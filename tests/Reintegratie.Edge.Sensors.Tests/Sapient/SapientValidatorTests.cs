using Reintegratie.Edge.Sensors.Sapient;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Sensors.Tests.Sapient;

public sealed class SapientValidatorTests
{
    [Fact]
    public void Validate_EveryValidConformanceFile_Accepted()
    {
        var files = SapientConformance.Files("valid").ToList();
        var failures = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var message = SapientJson.Parse(File.ReadAllText(file));
                if (SapientValidator.Validate(message) is { } v)
                {
                    failures.Add($"{Path.GetFileName(file)}: {v}");
                }
            }
            catch (SapientFormatException e)
            {
                failures.Add($"{Path.GetFileName(file)}: {e.Message}");
            }
        }

        Assert.Equal(38, files.Count);
        Assert.True(failures.Count == 0, "rejected valid files:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void Validate_EveryInvalidConformanceFile_RejectedWithPath()
    {
        var files = SapientConformance.Files("invalid").ToList();
        var accepted = new List<string>();
        foreach (var file in files)
        {
            SapientMessage message;
            try
            {
                message = SapientJson.Parse(File.ReadAllText(file));
            }
            catch (SapientFormatException)
            {
                continue; // does not even parse: rejected
            }

            if (SapientValidator.Validate(message) is not { } v)
            {
                accepted.Add(Path.GetFileName(file));
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(v.Path));
            }
        }

        Assert.Equal(193, files.Count);
        Assert.True(accepted.Count == 0, $"{accepted.Count} invalid files accepted:\n" + string.Join("\n", accepted));
    }
}
