using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>One sensor's name for a track: the same <see cref="DroneData.TrackKey"/> from two sensors is two tracks.</summary>
/// <param name="Sensor">Sensor index.</param>
/// <param name="Family">Source family.</param>
/// <param name="Track">The sensor's track key.</param>
internal readonly record struct TrackIdentity(int Sensor, SensorFamily Family, ulong Track);
