namespace Reintegratie.Edge.Core.Fusion;

/// <summary>Makes alert ids. Fusion calls it only on its own thread, once per new alert.</summary>
public interface IAlertIdGenerator
{
    /// <summary>A new id for an alert first seen at <paramref name="at"/> (event time, never the wall clock).</summary>
    string NewId(DateTimeOffset at);
}
