using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Gateway.Systemd;

/// <summary>
/// Sends sd_notify(3) state strings (<c>WATCHDOG=1</c>, <c>STATUS=…</c>) as one datagram to <c>NOTIFY_SOCKET</c>.
/// A socket is opened per message and closed again: messages come every few seconds, and a socket systemd
/// re-creates (daemon-reexec) is then picked up without a reconnect path.
/// </summary>
public sealed partial class NotifySocketSender
{
    private readonly ISystemdEnvironment _environment;
    private readonly ILogger<NotifySocketSender> _logger;

    /// <summary>Creates the sender.</summary>
    public NotifySocketSender(ISystemdEnvironment environment, ILogger<NotifySocketSender> logger)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(logger);
        _environment = environment;
        _logger = logger;
    }

    /// <summary>True when systemd gave this process a notification socket.</summary>
    public bool IsEnabled => _environment.NotifySocket is not null;

    /// <summary>Sends the state; false (and a logged warning) when there is no socket or the send failed.</summary>
    /// <param name="state">Newline-separated assignments, e.g. <c>WATCHDOG=1</c>.</param>
    public bool Send(string state)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        if (_environment.NotifySocket is not { } address)
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes(state), EndPointFor(address));
            return true;
        }
        catch (SocketException ex)
        {
            LogSendFailed(_logger, address, ex.SocketErrorCode, ex);
            return false;
        }
    }

    /// <summary>The endpoint for a <c>NOTIFY_SOCKET</c> value: '@' marks the abstract namespace (a leading NUL byte).</summary>
    internal static UnixDomainSocketEndPoint EndPointFor(string address) =>
        new(address[0] == '@' ? string.Concat("\0", address.AsSpan(1)) : address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify systemd on {Socket}: {Error}")]
    private static partial void LogSendFailed(ILogger logger, string socket, SocketError error, Exception exception);
}
