using System.Net;

namespace Reintegratie.Edge.Sensors.Links;

/// <summary>
/// One identified connection from the sensor network: its stream (TLS or plaintext, with the idle timeout applied
/// to every read), who it proved to be, and the sensors it may speak for. A message naming another sensor is a
/// forged identity; speaking for a sensor that already has a live link is a duplicate (see <see cref="Claim"/>).
/// </summary>
public sealed class SensorLink
{
    private readonly LinkClaims _claims;
    private readonly HashSet<int> _allowed;
    private readonly CancellationTokenSource _cts;

    internal SensorLink(LinkStream stream, IPEndPoint remote, IEnumerable<int> allowed, string identity, bool authenticated, LinkClaims claims, CancellationTokenSource cts)
    {
        Stream = stream;
        LinkStream = stream;
        Remote = remote;
        _allowed = [.. allowed];
        Identity = identity;
        Authenticated = authenticated;
        _claims = claims;
        _cts = cts;
    }

    /// <summary>The byte stream; reads end with <see cref="OperationCanceledException"/> after the idle timeout.</summary>
    public Stream Stream { get; }

    /// <summary>The peer.</summary>
    public IPEndPoint Remote { get; }

    /// <summary>How the link was identified, for logs: the certificate name or "address a.b.c.d".</summary>
    public string Identity { get; }

    /// <summary>True when identified by a client certificate of the site CA; false for an address allow-list link.</summary>
    public bool Authenticated { get; }

    /// <summary>Cancelled when the link ends: idle timeout, replacement by the sensor's new link, shutdown.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>True when the idle timeout closed the link.</summary>
    public bool TimedOut => LinkStream.TimedOut;

    internal LinkStream LinkStream { get; }

    /// <summary>Whether the link's identity covers <paramref name="sensorIndex"/>.</summary>
    public bool MaySpeakFor(int sensorIndex) => _allowed.Contains(sensorIndex);

    /// <summary>The link speaks for <paramref name="sensorIndex"/>: held, forged or duplicate (the caller rejects the message on anything but held).</summary>
    public LinkClaim Claim(int sensorIndex) => _claims.Claim(this, sensorIndex);

    /// <summary>Ends the link: its reads end at once (a hostile message, or the sensor connected again and this one was dead).</summary>
    public void Close()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // already ended
        }
    }
}
