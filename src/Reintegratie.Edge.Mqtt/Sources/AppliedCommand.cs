using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Mqtt.Sources;

/// <summary>A journaled command that was accepted and applied, with fusion's answer (from its <c>command_result</c> note).</summary>
/// <param name="KeyId">The signing key.</param>
/// <param name="Nonce">Its nonce.</param>
/// <param name="IssuedAt">Its issue time.</param>
/// <param name="Fingerprint">What it asked for (<see cref="Commands.CommandFingerprint"/>).</param>
/// <param name="Result">The answer it got.</param>
public sealed record AppliedCommand(string KeyId, string Nonce, DateTimeOffset IssuedAt, string Fingerprint, CommandResult Result);
