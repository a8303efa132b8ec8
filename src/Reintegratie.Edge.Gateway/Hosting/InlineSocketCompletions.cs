using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Reintegratie.Edge.Gateway.Hosting;

/// <summary>
/// Turns inline socket completions on or off for this process (<see cref="GatewayProcessOptions.InlineSocketCompletions"/>).
/// System.Net.Sockets reads <see cref="Variable"/> once, when its socket engine starts on the first asynchronous socket
/// operation, so <see cref="Apply"/> runs before the gateway creates any socket; the key is the one source of truth
/// (a value inherited from the environment is overwritten). <see cref="CheckAsync"/> then shows whether it took effect.
/// </summary>
internal static partial class InlineSocketCompletions
{
    /// <summary>The runtime's switch (System.Net.Sockets, SocketAsyncEngine on Unix).</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Sets <see cref="Variable"/> for this process to what <paramref name="enabled"/> says.</summary>
    public static void Apply(bool enabled) => Environment.SetEnvironmentVariable(Variable, enabled ? "1" : "0");

    /// <summary>
    /// Whether a socket completion of this process runs on the socket engine's thread: a loopback connection whose
    /// pending receive completes by a send, and the thread the receive's continuation runs on (an engine thread is no
    /// thread-pool thread). Then logs what it found against <paramref name="wanted"/>.
    /// </summary>
    public static async Task<bool?> CheckAsync(bool wanted, ILogger logger)
    {
        try
        {
            return await ProbeAsync(wanted, logger).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            LogNotChecked(logger, e.SocketErrorCode);
            return null;
        }
    }

    private static async Task<bool> ProbeAsync(bool wanted, ILogger logger)
    {
        bool inline;
        using (var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(listener.LocalEndPoint!);
            using var server = listener.Accept();
            var buffer = new byte[1];
            var receive = ReceiveOnAsync(server, buffer); // pending: nothing sent yet
            client.Send(buffer);
            inline = await receive.ConfigureAwait(false);
        }

        if (inline == wanted)
        {
            LogInEffect(logger, inline ? "on: socket completions run on the socket engine's thread" : "off: socket completions go to the thread pool");
        }
        else
        {
            LogNotInEffect(logger, wanted, inline ? "inline" : "on the thread pool");
        }

        return inline;
    }

    private static async Task<bool> ReceiveOnAsync(Socket socket, byte[] buffer)
    {
        await socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
        return !Thread.CurrentThread.IsThreadPoolThread; // the continuation runs where the completion ran
    }

    [LoggerMessage(EventId = 950, Level = LogLevel.Information, Message = "Inline socket completions {State} (Gateway:InlineSocketCompletions)")]
    private static partial void LogInEffect(ILogger logger, string state);

    [LoggerMessage(EventId = 951, Level = LogLevel.Warning, Message = "Inline socket completions: Gateway:InlineSocketCompletions is {Wanted} but completions run {Found}; a socket was used before the setting was applied")]
    private static partial void LogNotInEffect(ILogger logger, bool wanted, string found);

    [LoggerMessage(EventId = 952, Level = LogLevel.Warning, Message = "Inline socket completions: not checked, the loopback probe failed ({Error})")]
    private static partial void LogNotChecked(ILogger logger, SocketError error);
}
