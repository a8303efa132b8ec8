using System.Security.Cryptography;
using System.Text;
using Reintegratie.Edge.Journal.Storage;

namespace Reintegratie.Edge.Journal.Tests.Storage;

public sealed class RowHasherTests
{
    [Fact]
    public void Compute_DocumentedCanonicalForm_MatchesIndependentEncoding()
    {
        var prev = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var fields = new RowFields(12, "2026-09-14T10:00:00.000000Z", "alert", "drone_incursion", "Z1", null, -7, "01A", 3, "high");
        var payload = Encoding.UTF8.GetBytes("{\"x\":\"é\"}");
        using var hasher = new RowHasher();
        var hash = new byte[32];

        hasher.Compute(prev, fields, payload, hash);

        // README "Hash chain": SHA-256(prev || header || SHA-256(payload)); header per column 0x00 for NULL, else
        // 0x01 + 4-byte big-endian UTF-8 length + bytes.
        var canonical = new List<byte>();
        void Text(string? s)
        {
            if (s is null)
            {
                canonical.Add(0);
                return;
            }

            var b = Encoding.UTF8.GetBytes(s);
            canonical.Add(1);
            canonical.AddRange([(byte)(b.Length >> 24), (byte)(b.Length >> 16), (byte)(b.Length >> 8), (byte)b.Length]);
            canonical.AddRange(b);
        }

        Text("12");
        Text("2026-09-14T10:00:00.000000Z");
        Text("alert");
        Text("drone_incursion");
        Text("Z1");
        Text(null);
        Text("-7");
        Text("01A");
        Text("3");
        Text("high");
        var expected = SHA256.HashData([.. prev, .. canonical, .. SHA256.HashData(payload)]);
        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void ComputeFromDigest_SameAsFromPayload_SoAPurgedRowStillVerifies()
    {
        var fields = new RowFields(3, "2026-09-14T10:00:00.000000Z", "event", "handset", "Z1", "gsm-1", 9, null, null, null);
        using var hasher = new RowHasher();
        var fromPayload = new byte[32];
        var fromDigest = new byte[32];

        hasher.Compute(new byte[32], fields, "{\"imsi\":\"p1\"}"u8, fromPayload);
        hasher.ComputeFromDigest(new byte[32], fields, SHA256.HashData("{\"imsi\":\"p1\"}"u8), fromDigest);

        Assert.Equal(fromPayload, fromDigest);
    }

    [Fact]
    public void Compute_NullAndEmptyText_DifferentHashes()
    {
        using var hasher = new RowHasher();
        var a = new byte[32];
        var b = new byte[32];

        hasher.Compute(new byte[32], new RowFields(1, "t", "event", null, null, null, null, null, null, null), "{}"u8, a);
        hasher.Compute(new byte[32], new RowFields(1, "t", "event", string.Empty, null, null, null, null, null, null), "{}"u8, b);

        Assert.NotEqual(a, b);
    }
}
