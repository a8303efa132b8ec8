namespace Reintegratie.Edge.Cli.Commands.Doctor;

/// <summary>One line of the doctor's checklist.</summary>
/// <param name="Check">Machine-readable check name (<c>config</c>, <c>gpio</c>, <c>serial</c>, <c>spi</c>, <c>broker</c>, <c>tls</c>, <c>clock</c>, <c>disk</c>, <c>journal</c>, <c>privacy</c>).</param>
/// <param name="Status">Outcome.</param>
/// <param name="Message">What was found, in plain words.</param>
/// <param name="Fix">What to do about it (null when passed).</param>
public sealed record CheckResult(string Check, CheckStatus Status, string Message, string? Fix = null)
{
    /// <summary>A passed check.</summary>
    public static CheckResult Pass(string check, string message) => new(check, CheckStatus.Pass, message);

    /// <summary>A warning with its fix.</summary>
    public static CheckResult Warn(string check, string message, string fix) => new(check, CheckStatus.Warn, message, fix);

    /// <summary>A failure with its fix.</summary>
    public static CheckResult Fail(string check, string message, string fix) => new(check, CheckStatus.Fail, message, fix);
}
