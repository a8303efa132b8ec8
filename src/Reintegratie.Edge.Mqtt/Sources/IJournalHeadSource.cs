namespace Reintegratie.Edge.Mqtt.Sources;

/// <summary>Supplies the journal head for <c>…/journal/head</c> (implemented by the journal; must be cheap and thread-safe).</summary>
public interface IJournalHeadSource
{
    /// <summary>The newest row, or null when the journal is empty.</summary>
    JournalHead? GetHead();
}
