using System.Buffers.Binary;
using System.IO.Compression;

namespace Reintegratie.Edge.Cli.Tests.Log;

/// <summary>A minimal 8-bit RGB/RGBA PNG decoder, enough to tell a rendered page from a blank one.</summary>
internal static class PngPixels
{
    public static (int DistinctColours, double NonWhiteFraction) Summarise(byte[] png)
    {
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        var bitDepth = png[24];
        var colourType = png[25];
        Assert.Equal(8, bitDepth);
        var bpp = colourType switch { 2 => 3, 6 => 4, _ => throw new InvalidDataException($"colour type {colourType} not supported") };
        using var idat = new MemoryStream();
        for (var pos = 8; pos < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            if (type == "IDAT")
            {
                idat.Write(png, pos + 8, length);
            }

            pos += 12 + length;
        }

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var data = raw.ToArray();
        var stride = width * bpp;
        var previous = new byte[stride];
        var current = new byte[stride];
        var colours = new HashSet<int>();
        long nonWhite = 0;
        for (var y = 0; y < height; y++)
        {
            var filter = data[y * (stride + 1)];
            Array.Copy(data, (y * (stride + 1)) + 1, current, 0, stride);
            for (var i = 0; i < stride; i++)
            {
                var a = i >= bpp ? current[i - bpp] : 0;
                var b = previous[i];
                var c = i >= bpp ? previous[i - bpp] : 0;
                current[i] = (byte)(current[i] + filter switch
                {
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => 0,
                });
            }

            for (var x = 0; x < width; x++)
            {
                var rgb = (current[x * bpp] << 16) | (current[(x * bpp) + 1] << 8) | current[(x * bpp) + 2];
                colours.Add(rgb);
                if (rgb != 0xFFFFFF)
                {
                    nonWhite++;
                }
            }

            (previous, current) = (current, previous);
        }

        return (colours.Count, (double)nonWhite / ((long)width * height));
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
