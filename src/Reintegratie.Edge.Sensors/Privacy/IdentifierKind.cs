namespace Reintegratie.Edge.Sensors.Privacy;

/// <summary>
/// The kind of personal identifier being pseudonymised. It is mixed into the HMAC input (domain separation) so the
/// same digits as an IMSI and as an IMEI give unrelated pseudonyms and identifiers of different kinds cannot be linked.
/// </summary>
public enum IdentifierKind : byte
{
    /// <summary>International Mobile Subscriber Identity (ITU-T E.212).</summary>
    Imsi = 1,

    /// <summary>International Mobile Equipment Identity (3GPP TS 23.003 §6.2), normalised to 15 digits.</summary>
    Imei = 2,

    /// <summary>Bodycam wearer (staff) id.</summary>
    Wearer = 3,
}
