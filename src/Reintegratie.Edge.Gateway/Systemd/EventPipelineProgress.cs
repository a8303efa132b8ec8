using Reintegratie.Edge.Core.Pipeline;

namespace Reintegratie.Edge.Gateway.Systemd;

/// <summary>The pipeline's own stage check (<see cref="EventPipeline.IsHealthy"/>) as an <see cref="IPipelineProgress"/>.</summary>
public sealed class EventPipelineProgress : IPipelineProgress
{
    private readonly EventPipeline _pipeline;

    /// <summary>Wraps the pipeline.</summary>
    public EventPipelineProgress(EventPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
    }

    /// <inheritdoc />
    public bool IsHealthy(out string? stuckStage) => _pipeline.IsHealthy(out stuckStage);
}
