using Reintegratie.Edge.IntegrationTests.Gateway;
using Reintegratie.Edge.IntegrationTests.Infrastructure;

namespace Reintegratie.Edge.IntegrationTests.Aot;

/// <summary>The command-line contract against the NativeAOT linux-x64 build that <c>make publish</c> ships.</summary>
public sealed class AotGatewayCommandLineTests : GatewayCommandLineTests
{
    protected override string Gateway => RepoPaths.AotGateway;

    protected override string Edgectl => RepoPaths.AotEdgectl;
}
