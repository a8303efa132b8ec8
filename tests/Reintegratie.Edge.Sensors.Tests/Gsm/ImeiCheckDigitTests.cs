using Reintegratie.Edge.Sensors.Gsm;

namespace Reintegratie.Edge.Sensors.Tests.Gsm;

public sealed class ImeiCheckDigitTests
{
    [Theory]
    [InlineData("49015420323751", '8')] // TS 23.003 Annex B style worked example
    [InlineData("35209900176148", '1')]
    [InlineData("00000000000000", '0')]
    public void Compute_KnownImeis_ExpectedDigit(string body, char expected)
    {
        Assert.Equal((byte)expected, ImeiCheckDigit.Compute(GsmTestLines.Bytes(body)));
    }

    [Fact]
    public void IsValid_EverySingleDigitError_Detected()
    {
        var imei = GsmTestLines.Bytes(GsmTestLines.Imei);
        for (var i = 0; i < 15; i++)
        {
            for (var d = (byte)'0'; d <= '9'; d++)
            {
                if (d == imei[i])
                {
                    continue;
                }

                var wrong = (byte[])imei.Clone();
                wrong[i] = d;
                Assert.False(ImeiCheckDigit.IsValid(wrong), $"digit {i} -> {(char)d}");
            }
        }

        Assert.True(ImeiCheckDigit.IsValid(imei));
    }
}
