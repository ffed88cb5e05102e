using Gateway.Storage;

namespace Gateway.Server;

/// <summary>Creates or upgrades the database before Kestrel accepts the first call.</summary>
internal sealed class DatabaseInitializer(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => GatewayDatabase.InitializeAsync(services, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
