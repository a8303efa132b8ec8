namespace Reintegratie.Edge.Journal.Storage;

/// <summary>An alert a gateway continued at start (<see cref="StartMarker"/>).</summary>
/// <param name="Id">Alert id.</param>
/// <param name="Revision">The journaled revision it was restored from.</param>
public sealed record RestoredAlert(string Id, int Revision);
