namespace Reintegratie.Edge.Core.Events;

/// <summary>Outcome of an <see cref="OperatorCommand"/>.</summary>
/// <param name="Ok">True when the command took effect.</param>
/// <param name="Message">Human-readable outcome or the reason for refusal.</param>
/// <param name="AlertId">The alert affected, if any.</param>
/// <param name="Revision">The alert's revision after the command, if any.</param>
public sealed record CommandResult(bool Ok, string Message, string? AlertId = null, int? Revision = null);
