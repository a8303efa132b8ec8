using System.Runtime.CompilerServices;

namespace Reintegratie.Edge.Sensors.RemoteId;

/// <summary>Inline storage for one Authentication page's data (23 bytes), so decoding allocates nothing.</summary>
[InlineArray(AuthMessage.PageDataSize)]
public struct AuthData
{
    private byte _element0;
}
