using Reintegratie.Edge.Cli.Commands;

namespace Reintegratie.Edge.Cli.Tests.Sapient;

public sealed class ValidateSapientCommandTests
{
    private static string Conformance(string kind, string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Reintegratie.Edge.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir.FullName, "tests", "conformance", "sapient", kind, file);
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Validate_ValidDetection_ExitZero()
    {
        var (code, output, _) = await Run("validate", "sapient", Conformance("valid", "DetectionReport.FullMessage.json"));

        Assert.Equal(0, code);
        Assert.Contains("valid DetectionReport", output);
    }

    [Fact]
    public async Task Validate_MissingCoordinateSystem_ExitOneNamingPath()
    {
        var (code, _, error) = await Run("validate", "sapient", Conformance("invalid", "0016.Location.CoordinateSystem.Missing.json"));

        Assert.Equal(1, code);
        Assert.Contains("coordinateSystem", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Validate_NotJson_ExitOne()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "{ nope");
        try
        {
            var (code, _, error) = await Run("validate", "sapient", file);

            Assert.Equal(1, code);
            Assert.Contains("invalid", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Validate_NoFile_ExitTwo()
    {
        var (code, _, _) = await Run("validate", "sapient");

        Assert.Equal(2, code);
    }
}
