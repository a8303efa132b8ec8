namespace Reintegratie.Edge.Core.Events;

/// <summary>Cellular radio technology of a handset detection.</summary>
public enum RadioTechnology : byte
{
    /// <summary>Not given.</summary>
    Unknown = 0,
    /// <summary>2G.</summary>
    Gsm = 1,
    /// <summary>3G.</summary>
    Umts = 2,
    /// <summary>4G.</summary>
    Lte = 3,
    /// <summary>5G NR.</summary>
    Nr = 4,
}
