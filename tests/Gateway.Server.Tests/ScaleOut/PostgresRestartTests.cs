using System.Net;
using Gateway.Server.Tests.Infrastructure;
using Gateway.Storage;
using Gateway.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using SsrGateway.V1;
using static Gateway.Server.Tests.Feed.FeedHarness;
using VideoLanguage = Gateway.Domain.VideoLanguage;

namespace Gateway.Server.Tests.ScaleOut;

/// <summary>
/// A PostgreSQL restart: calls fail with UNAVAILABLE and readiness reports NOT_SERVING meanwhile,
/// and watches resume after it with nothing lost.
/// </summary>
public sealed class PostgresRestartTests : IAsyncLifetime
{
    private PostgresServer _postgres = null!;
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        // A private cluster, because stopping the shared one would break other test classes.
        _postgres = await PostgresServer.StartNewAsync().WaitAsync(TestTimeout);
        var database = await _postgres.CreateDatabaseAsync("restart").WaitAsync(TestTimeout);
        _gateway = await TestGateway.StartAsync(o =>
        {
            o.StorageProvider = StorageProviders.PostgreSql;
            o.Configuration["ConnectionStrings:Gateway"] = database;
            o.Configuration["LinkFeed:HeartbeatInterval"] = "00:00:00.500";

            // EF Core logs every failed command and connection attempt at Error level, and the
            // health check service logs an Unhealthy result at Error level too.
            o.ExpectedErrorLogs.Add("Microsoft.EntityFrameworkCore");
            o.ExpectedErrorLogs.Add("Health check database with status Unhealthy");
        });
        await _gateway.CreateLeaAsync(Lea);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _gateway.DisposeAsync();
        }
        finally
        {
            await _postgres.DisposeAsync();
        }
    }

    [Fact]
    public async Task Restart_ends_watch_unavailable_then_resumes()
    {
        await SeedOrderAsync(_gateway, Lea, [new(Ssid(1), SchoolA, VideoLanguage.Spanish, "P-1")]);
        var vendor = await CreateVendorAsync(_gateway);
        var feed = await CreateFeedClientAsync(_gateway);
        await PublishAsync(vendor, [Link(Ssid(1), VideoLanguage.English)]);
        var health = new Grpc.Health.V1.Health.HealthClient(_gateway.CreateChannel(null));
        using var watch = feed.WatchLinkUpdates(FromBeginning());
        var before = (await ReadUpdatesAsync(watch.ResponseStream, 1)).Single(r => r.Update is not null).Update;

        await _postgres.StopAsync().WaitAsync(TestTimeout);
        var watchEnd = await Assert.ThrowsAsync<RpcException>(() => ReadUpdatesAsync(watch.ResponseStream, 1));
        var unaryDuringOutage = await Assert.ThrowsAsync<RpcException>(() =>
            feed.GetPortalFieldMappingAsync(new GetPortalFieldMappingRequest(), deadline: DateTime.UtcNow.Add(TestTimeout)).ResponseAsync);
        var healthDuringOutage = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.Add(TestTimeout));
        var readyDuringOutage = await GetStatusAsync("/health/ready");
        var liveDuringOutage = await GetStatusAsync("/health/live");
        await _postgres.StartAsync().WaitAsync(TestTimeout);
        var healthAfterOutage = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.Add(TestTimeout));
        var readyAfterOutage = await GetStatusAsync("/health/ready");

        await PublishAsync(vendor, [Link(Ssid(1), VideoLanguage.Spanish)]);
        using var resumed = feed.WatchLinkUpdates(After(before.ResumeToken));
        var after = (await ReadUpdatesAsync(resumed.ResponseStream, 1)).Single(r => r.Update is not null).Update;

        Assert.Equal(StatusCode.Unavailable, watchEnd.StatusCode);
        Assert.Equal(StatusCode.Unavailable, unaryDuringOutage.StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, healthDuringOutage.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, healthAfterOutage.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyDuringOutage);
        Assert.Equal(HttpStatusCode.OK, liveDuringOutage);
        Assert.Equal(HttpStatusCode.OK, readyAfterOutage);
        Assert.Equal(1L, before.Sequence);
        Assert.Equal(2L, after.Sequence);
        Assert.Equal(SsrGateway.V1.VideoLanguage.Spanish, after.Language);
    }

    // The gRPC address also serves the HTTP health endpoints, over plain-text HTTP/2.
    private async Task<HttpStatusCode> GetStatusAsync(string path)
    {
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await http.GetAsync(new Uri(_gateway.Address, path)).WaitAsync(TestTimeout);
        return response.StatusCode;
    }
}
