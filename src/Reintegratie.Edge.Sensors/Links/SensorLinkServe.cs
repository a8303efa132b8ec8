namespace Reintegratie.Edge.Sensors.Links;

/// <summary>Serves one identified link until it ends (return) or fails (throw; the listener logs and closes it).</summary>
/// <param name="link">The link.</param>
/// <param name="cancellationToken">The link's token (idle timeout, replacement, shutdown).</param>
public delegate Task SensorLinkServe(SensorLink link, CancellationToken cancellationToken);
