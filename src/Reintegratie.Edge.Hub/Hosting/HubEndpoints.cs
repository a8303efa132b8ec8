using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Reintegratie.Edge.Hub.Ingest;

namespace Reintegratie.Edge.Hub.Hosting;

/// <summary>The hub's HTTP surface.</summary>
public static class HubEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/api/stats", (IngestStats s) => Results.Json(new { messages = s.Messages, batches = s.Batches, rejected = s.Rejected, duplicates = s.Duplicates }));
    }
}
