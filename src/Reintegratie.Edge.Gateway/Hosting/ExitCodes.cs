namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>Process exit codes (sysexits.h where one fits; 78 is in the unit's RestartPreventExitStatus).</summary>
public static class ExitCodes
{
    /// <summary>Clean exit.</summary>
    public const int Ok = 0;

    /// <summary>Unexpected failure; systemd restarts the service.</summary>
    public const int Failure = 1;

    /// <summary>Bad command line (EX_USAGE).</summary>
    public const int Usage = 64;

    /// <summary>Bad configuration (EX_CONFIG): the failing key is named on stderr; systemd does not restart.</summary>
    public const int Config = 78;
}
