using System.Buffers;
using System.Text;
using Reintegratie.Edge.Core.Canonical;

namespace Reintegratie.Edge.Mqtt.Commands;

/// <summary>
/// The bytes a command's signature covers (docs/MQTT.md, "Signed commands"): the ASCII tag
/// <c>reintegratie-edge/cmd/v1</c>, then for each of gateway root, verb, key_id, issued_at, nonce, alert_id, operator,
/// note, zone, until, reason in that order: <c>0x00</c> when absent, else <c>0x01</c>, the UTF-8 length as a 4-byte
/// big-endian integer and the UTF-8 bytes, each exactly as the JSON string carried it. The gateway root binds a command
/// to one gateway; length prefixes make the encoding unambiguous (the journal's hash chain uses the same rule).
/// </summary>
public static class CommandCanonical
{
    /// <summary>Domain-separation tag.</summary>
    public const string Tag = "reintegratie-edge/cmd/v1";

    /// <summary>The canonical bytes of <paramref name="request"/> for the gateway at <paramref name="root"/>.</summary>
    public static byte[] Bytes(string root, string verb, CommandRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(Encoding.ASCII.GetBytes(Tag));
        foreach (var field in (string?[])[root, verb, request.KeyId, request.IssuedAtText, request.Nonce, request.AlertId, request.Operator, request.Note, request.Zone, request.UntilText, request.Reason])
        {
            LengthPrefixed.Write(buffer, field);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
