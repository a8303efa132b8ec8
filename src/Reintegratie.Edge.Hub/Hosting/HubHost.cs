using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Reintegratie.Edge.Hub.Web;
using Reintegratie.Edge.Hub.Ingest;
using Reintegratie.Edge.Hub.Operators;
using Reintegratie.Edge.Hub.Storage;

namespace Reintegratie.Edge.Hub.Hosting;

/// <summary>Builds and runs the hub: configuration, migrations, the AMQP ingest and the console.</summary>
public static class HubHost
{
    /// <summary>Runs until stopped; returns the exit code (78 on a configuration error, key named on stderr).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (Directory.Exists("/etc/reintegratie-hub"))
        {
            foreach (var file in Directory.GetFiles("/etc/reintegratie-hub", "*.json").Order(StringComparer.Ordinal))
            {
                builder.Configuration.AddJsonFile(file, optional: true, reloadOnChange: false);
            }
        }

        builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);
        var options = new HubOptions();
        builder.Configuration.GetSection(HubOptions.Section).Bind(options);
        ICommandSigner signer;
        try
        {
            HubOptionsValidator.Validate(options);
            signer = string.IsNullOrWhiteSpace(options.CommandKeyFile)
                ? new NoCommandKey()
                : new EcdsaCommandSigner(options.CommandKeyFile, options.CommandKeyId, TimeProvider.System);
        }
        catch (HubConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"reintegratie-hub: configuration error: {ex.Message}").ConfigureAwait(false);
            return 78;
        }

        builder.Host.UseSystemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.Configure<HubOptions>(builder.Configuration.GetSection(HubOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(options.Database));
        builder.Services.AddSingleton(new RoutingKeys(options.Prefix));
        builder.Services.AddSingleton<IngestStats>();
        builder.Services.AddSingleton<IngestStore>();
        builder.Services.AddHostedService<AmqpIngestService>();
        builder.Services.AddSingleton<OperatorStore>();
        builder.Services.AddSingleton<ConsoleQueries>();
        builder.Services.AddSingleton(signer);
        builder.Services.AddSingleton<CommandPublisher>();
        builder.Services.AddSingleton<ChangeFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChangeFeed>());
        if (!string.IsNullOrWhiteSpace(options.ConsoleUrl))
        {
            builder.WebHost.UseUrls(options.ConsoleUrl);
        }

        await using var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Reintegratie.Edge.Hub");
        try
        {
            await SchemaMigrator.MigrateAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), logger, CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            await Console.Error.WriteLineAsync($"reintegratie-hub: cannot migrate the database (Hub:Database): {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        HubEndpoints.Map(app);
        ConsoleEndpoints.Map(app);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
