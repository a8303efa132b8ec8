using Reintegratie.Edge.IntegrationTests.Infrastructure;

namespace Reintegratie.Edge.IntegrationTests.Gateway;

/// <summary>The command-line contract against the JIT build (<c>make build</c>).</summary>
public sealed class JitGatewayCommandLineTests : GatewayCommandLineTests
{
    protected override string Gateway => RepoPaths.Gateway;

    protected override string Edgectl => RepoPaths.Edgectl;
}
