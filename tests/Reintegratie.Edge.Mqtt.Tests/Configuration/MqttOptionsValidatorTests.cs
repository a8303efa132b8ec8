using Reintegratie.Edge.Core.Site;
using Reintegratie.Edge.Mqtt.Configuration;

namespace Reintegratie.Edge.Mqtt.Tests.Configuration;

public sealed class MqttOptionsValidatorTests
{
    private static MqttOptions Valid() => new() { Site = "pi-vught", Gateway = "gw1", Embedded = true };

    [Fact]
    public void Validate_EmbeddedDefaults_Passes()
    {
        var options = Valid();

        MqttOptionsValidator.Validate(options);

        Assert.Equal("pi-vught-gw1", options.EffectiveClientId);
        Assert.Equal(1883, options.EffectivePort);
        Assert.True(options.IsInsecure);
    }

    [Fact]
    public void Validate_PlaintextToRemoteBroker_NamesAllowInsecure()
    {
        var options = Valid();
        options.Embedded = false;
        options.Host = "broker.biv.local";

        var ex = Assert.Throws<ConfigurationException>(() => MqttOptionsValidator.Validate(options));

        Assert.Equal("Mqtt:AllowInsecure", ex.Key);
    }

    [Fact]
    public void Validate_PlaintextToRemoteBrokerWithAllowInsecure_Passes()
    {
        var options = Valid();
        options.Embedded = false;
        options.Host = "10.1.2.3";
        options.AllowInsecure = true;

        MqttOptionsValidator.Validate(options);

        Assert.True(options.IsInsecure);
    }

    [Fact]
    public void Validate_MissingCaFile_NamesTheKey()
    {
        var options = Valid();
        options.Embedded = false;
        options.Host = "broker";
        options.Tls.CaFile = "/nonexistent/ca.pem";

        var ex = Assert.Throws<ConfigurationException>(() => MqttOptionsValidator.Validate(options));

        Assert.Equal("Mqtt:Tls:CaFile", ex.Key);
        Assert.Contains("file not found", ex.Message);
    }

    [Fact]
    public void Validate_TlsWithoutClientCertificate_NamesCertFile()
    {
        var ca = Path.GetTempFileName();
        try
        {
            var options = Valid();
            options.Embedded = false;
        options.Host = "broker";
            options.Tls.CaFile = ca;

            var ex = Assert.Throws<ConfigurationException>(() => MqttOptionsValidator.Validate(options));

            Assert.Equal("Mqtt:Tls:CertFile", ex.Key);
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Fact]
    public void Validate_FullMutualTls_PassesAndIsSecure()
    {
        var files = Enumerable.Range(0, 3).Select(_ => Path.GetTempFileName()).ToArray();
        try
        {
            var options = Valid();
            options.Embedded = false;
        options.Host = "broker";
            options.Tls = new MqttTlsOptions { CaFile = files[0], CertFile = files[1], KeyFile = files[2] };

            MqttOptionsValidator.Validate(options);

            Assert.False(options.IsInsecure);
            Assert.Equal(8883, options.EffectivePort);
        }
        finally
        {
            Array.ForEach(files, File.Delete);
        }
    }

    [Theory]
    [InlineData("ProtocolVersion", "4.0")]
    [InlineData("Site", "a/b")]
    [InlineData("Gateway", "")]
    [InlineData("Prefix", "$SYS")]
    public void Validate_BadValue_NamesTheKey(string key, string value)
    {
        var options = Valid();
        typeof(MqttOptions).GetProperty(key)!.SetValue(options, value);

        var ex = Assert.Throws<ConfigurationException>(() => MqttOptionsValidator.Validate(options));

        Assert.Equal("Mqtt:" + key, ex.Key);
    }

    [Fact]
    public void Validate_KeepAliveZero_NamesTheKey()
    {
        var options = Valid();
        options.KeepAliveSeconds = 0;

        Assert.Equal("Mqtt:KeepAliveSeconds", Assert.Throws<ConfigurationException>(() => MqttOptionsValidator.Validate(options)).Key);
    }
}
