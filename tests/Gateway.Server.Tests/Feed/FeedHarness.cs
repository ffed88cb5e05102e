using Gateway.Domain.Tenancy;
using Gateway.Domain;
using Gateway.Server.Auth;
using Gateway.Server.Tests.Infrastructure;
using Gateway.Storage;
using Gateway.Storage.Orders;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using SsrGateway.V1;
using Assessment = Gateway.Domain.Assessment;
using VideoLanguage = Gateway.Domain.VideoLanguage;

namespace Gateway.Server.Tests.Feed;

/// <summary>A student placed in a test order.</summary>
internal sealed record OrderedStudent(string Ssid, string School, VideoLanguage PrimaryLanguage, params string[] PortalAccounts);

/// <summary>Shared set-up of the feed and fulfillment tests: orders, a vendor channel and watch helpers.</summary>
internal static class FeedHarness
{
    public const string Lea = "19647330000000";
    public const string OtherLea = "01611920000000";
    public const string SchoolA = "19647330100001";
    public const string SchoolB = "19647330100002";
    public const string SchoolYear = "2025-26";
    public const string Host = "videos.ssr-vendor.example";
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Stores a placed order directly, so feed tests do not depend on pricing.</summary>
    public static async Task<Guid> SeedOrderAsync(TestGateway gateway, string leaCode, IEnumerable<OrderedStudent> students, bool cancelled = false)
    {
        await using var scope = gateway.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var order = new OrderEntity
        {
            Id = Guid.NewGuid(), LeaCode = leaCode, SchoolYear = SchoolYear, Assessment = Assessment.SummativeElpac,
            IdempotencyKey = Guid.NewGuid().ToString("N"), Cancelled = cancelled, CreateTime = DateTimeOffset.UtcNow,
        };
        foreach (var student in students)
        {
            order.Students.Add(new OrderStudentEntity
            {
                LeaCode = leaCode, SchoolYear = SchoolYear, Assessment = Assessment.SummativeElpac, Ssid = student.Ssid,
                LocalStudentId = "L" + student.Ssid, SchoolCdsCode = student.School, PrimaryVideoLanguage = student.PrimaryLanguage,
                GuardianPortalAccountIds = string.Join('\n', student.PortalAccounts), Cancelled = cancelled,
            });
        }

        order.SetCount = order.Students.Count;
        db.Orders.Add(order);
        await db.SaveChangesAsync().WaitAsync(TestTimeout);
        return order.Id;
    }

    public static string Ssid(int number) => (1_000_000_000L + number).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<FulfillmentService.FulfillmentServiceClient> CreateVendorAsync(TestGateway gateway)
    {
        var client = await gateway.CreateClientAsync([], [GatewayScopes.FulfillmentPublish]);
        var token = await gateway.GetTokenAsync(client, null, GatewayScopes.FulfillmentPublish);
        return new FulfillmentService.FulfillmentServiceClient(gateway.CreateChannel(token));
    }

    public static async Task<LinkFeedService.LinkFeedServiceClient> CreateFeedClientAsync(TestGateway gateway, string leaCode = Lea)
    {
        GrpcChannel channel = await gateway.CreateLeaChannelAsync(leaCode, GatewayScopes.LinksRead, GatewayScopes.LinksAcknowledge, GatewayScopes.OrdersRead);
        return new LinkFeedService.LinkFeedServiceClient(channel);
    }

    /// <summary>
    /// A feed client on a channel the gateway does not own, so it survives the gateway's stop and
    /// observes how a stopping server ends the call. The caller disposes the channel.
    /// </summary>
    public static async Task<(LinkFeedService.LinkFeedServiceClient Client, GrpcChannel Channel)> CreateDetachedFeedClientAsync(TestGateway gateway, string leaCode = Lea)
    {
        await gateway.CreateLeaAsync(leaCode);
        var client = await gateway.CreateClientAsync([leaCode], [GatewayScopes.LinksRead]);
        var token = await gateway.GetTokenAsync(client, leaCode, GatewayScopes.LinksRead);
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        var channel = GrpcChannel.ForAddress(gateway.Address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
        return (new LinkFeedService.LinkFeedServiceClient(channel), channel);
    }

    public static VideoLinkRecord Link(string ssid, VideoLanguage language, string? url = null, string leaCode = Lea) => new()
    {
        LeaCode = leaCode,
        Administration = new SsrGateway.V1.Administration { SchoolYear = SchoolYear, Assessment = SsrGateway.V1.Assessment.SummativeElpac },
        Ssid = ssid,
        Language = (SsrGateway.V1.VideoLanguage)(int)language,
        Url = url ?? $"https://{Host}/v/{ssid}/{language}",
    };

    /// <summary>Publishes the records in batches over one client stream.</summary>
    public static async Task<PublishVideoLinksResponse> PublishAsync(
        FulfillmentService.FulfillmentServiceClient vendor, IEnumerable<VideoLinkRecord> records, int batchSize = 100)
    {
        using var call = vendor.PublishVideoLinks(deadline: DateTime.UtcNow.Add(TestTimeout));
        foreach (var batch in records.Chunk(batchSize))
        {
            var message = new PublishVideoLinksRequest();
            message.Links.AddRange(batch);
            await call.RequestStream.WriteAsync(message).WaitAsync(TestTimeout);
        }

        await call.RequestStream.CompleteAsync().WaitAsync(TestTimeout);
        return await call.ResponseAsync.WaitAsync(TestTimeout);
    }

    /// <summary>Reads updates until <paramref name="count"/> arrived; heartbeats and snapshot markers are kept too.</summary>
    public static async Task<List<WatchLinkUpdatesResponse>> ReadUpdatesAsync(
        IAsyncStreamReader<WatchLinkUpdatesResponse> stream, int count, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TestTimeout);
        var received = new List<WatchLinkUpdatesResponse>();
        var updates = 0;
        while (updates < count && await stream.MoveNext(cancellation.Token))
        {
            received.Add(stream.Current);
            if (stream.Current.KindCase == WatchLinkUpdatesResponse.KindOneofCase.Update)
            {
                updates++;
            }
        }

        return received;
    }

    /// <summary>Reads until the first message of the given kind.</summary>
    public static async Task<WatchLinkUpdatesResponse> ReadUntilAsync(
        IAsyncStreamReader<WatchLinkUpdatesResponse> stream, WatchLinkUpdatesResponse.KindOneofCase kind, List<WatchLinkUpdatesResponse>? seen = null)
    {
        using var cancellation = new CancellationTokenSource(TestTimeout);
        while (await stream.MoveNext(cancellation.Token))
        {
            seen?.Add(stream.Current);
            if (stream.Current.KindCase == kind)
            {
                return stream.Current;
            }
        }

        throw new InvalidOperationException($"The stream ended before a {kind} message.");
    }

    public static WatchLinkUpdatesRequest FromBeginning() => new() { FromBeginning = true };

    public static WatchLinkUpdatesRequest After(string resumeToken) => new() { ResumeToken = resumeToken };
}
