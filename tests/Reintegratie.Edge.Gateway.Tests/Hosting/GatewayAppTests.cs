using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Reintegratie.Edge.Gateway.Hosting;
using Reintegratie.Edge.Gateway.Systemd;
using Reintegratie.Edge.Gateway.Tests.Systemd;

namespace Reintegratie.Edge.Gateway.Tests.Hosting;

public sealed class GatewayAppTests
{
    private sealed class Recorder(string name, ConcurrentQueue<string> log) : IHostedService, IDisposable
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            log.Enqueue("start " + name);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            log.Enqueue("stop " + name);
            return Task.CompletedTask;
        }

        public void Dispose() => log.Enqueue("dispose " + name);
    }

    private sealed class Failing(Task failure) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => failure;
    }

    private static GatewayApp Create(NotifyListener? notify, params IHostedService[] services)
    {
        var environment = new SystemdEnvironment(n => n == "NOTIFY_SOCKET" ? notify?.Address : null, Environment.ProcessId);
        var sender = new NotifySocketSender(environment, NullLogger<NotifySocketSender>.Instance);
        return new GatewayApp(services, services, sender, TimeSpan.FromSeconds(5), NullLogger.Instance);
    }

    [Fact]
    public async Task Run_StopRequested_StartsInOrderReadyThenStoppingStopsAndDisposesInReverse()
    {
        using var notify = NotifyListener.OnPath();
        var log = new ConcurrentQueue<string>();
        var app = Create(notify, new Recorder("a", log), new Recorder("b", log));

        var run = app.RunAsync();
        Assert.Equal("READY=1", await notify.NextAsync());
        app.RequestStop();
        var code = await run;
        await app.DisposeAsync();

        Assert.Equal(0, code);
        Assert.Equal("STOPPING=1", await notify.NextAsync());
        Assert.Equal(["start a", "start b", "stop b", "stop a", "dispose b", "dispose a"], log.ToArray());
    }

    [Fact]
    public async Task Run_ServiceFailsWhileRunning_StopsTheOthersExitOne()
    {
        var log = new ConcurrentQueue<string>();
        var failure = new TaskCompletionSource();
        var app = Create(null, new Recorder("a", log), new Failing(failure.Task));

        var run = app.RunAsync();
        failure.SetException(new InvalidOperationException("broken"));
        var code = await run;

        Assert.Equal(1, code);
        Assert.Equal(["start a", "stop a"], log.ToArray());
    }

    [Fact]
    public async Task Run_ServiceFailsToStart_StopsTheStartedOnesExitOne()
    {
        var log = new ConcurrentQueue<string>();
        var broken = Substitute.For<IHostedService>();
        broken.StartAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new IOException("no port")));
        var app = Create(null, new Recorder("a", log), broken, new Recorder("c", log));

        var code = await app.RunAsync();

        Assert.Equal(1, code);
        Assert.Equal(["start a", "stop a"], log.ToArray());
    }
}
