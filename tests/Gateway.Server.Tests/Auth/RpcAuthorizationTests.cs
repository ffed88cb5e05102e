using Gateway.Domain.Tenancy;
using Gateway.Storage;
using Gateway.Server.Auth;
using Gateway.Server.Tests.Infrastructure;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Server.Tests.Auth;

/// <summary>
/// Calls every RPC of every gateway service without a token and with a token lacking the RPC's
/// scope. The table below must name every RPC in the contracts, so a new RPC cannot ship without
/// a declared scope. Runs once per storage provider through the subclasses at the end of the file.
/// </summary>
public abstract class RpcAuthorizationTests : IAsyncLifetime
{
    /// <summary>One of <see cref="StorageProviders"/>.</summary>
    protected abstract string StorageProvider { get; }

    private const string Lea = "19647330000000";

    // Full method name -> the scope it requires.
    private static readonly Dictionary<string, string> RequiredScopes = new()
    {
        ["ssrgateway.v1.RosterService/UploadRoster"] = GatewayScopes.RosterWrite,
        ["ssrgateway.v1.RosterService/GetStudent"] = GatewayScopes.RosterRead,
        ["ssrgateway.v1.RosterService/ListStudents"] = GatewayScopes.RosterRead,
        ["ssrgateway.v1.RosterService/GetRosterUpload"] = GatewayScopes.RosterRead,
        ["ssrgateway.v1.PricingService/GetPriceSchedule"] = GatewayScopes.PricingRead,
        ["ssrgateway.v1.PricingService/QuoteOrder"] = GatewayScopes.PricingRead,
        ["ssrgateway.v1.OrderService/PlaceOrder"] = GatewayScopes.OrdersWrite,
        ["ssrgateway.v1.OrderService/GetOrder"] = GatewayScopes.OrdersRead,
        ["ssrgateway.v1.OrderService/ListOrders"] = GatewayScopes.OrdersRead,
        ["ssrgateway.v1.OrderService/CancelOrder"] = GatewayScopes.OrdersWrite,
        ["ssrgateway.v1.OrderService/GetDistributionReport"] = GatewayScopes.OrdersRead,
        ["ssrgateway.v1.FulfillmentService/PublishVideoLinks"] = GatewayScopes.FulfillmentPublish,
        ["ssrgateway.v1.FulfillmentService/RevokeVideoLinks"] = GatewayScopes.FulfillmentPublish,
        ["ssrgateway.v1.LinkFeedService/WatchLinkUpdates"] = GatewayScopes.LinksRead,
        ["ssrgateway.v1.LinkFeedService/GetPortalFieldMapping"] = GatewayScopes.LinksRead,
        ["ssrgateway.v1.LinkFeedService/UpdatePortalFieldMapping"] = GatewayScopes.LinksAcknowledge,
        ["ssrgateway.v1.LinkFeedService/AcknowledgeLinkUpdates"] = GatewayScopes.LinksAcknowledge,
    };

    private TestGateway _gateway = null!;

    public static TheoryData<string> Methods()
    {
        var data = new TheoryData<string>();
        foreach (var method in ContractMethods())
        {
            data.Add(GrpcName(method));
        }

        return data;
    }

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(StorageProvider);
        await _gateway.CreateLeaAsync(Lea);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public void ScopeTable_CoversEveryContractMethod()
    {
        var contract = ContractMethods().Select(GrpcName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(contract, RequiredScopes.Keys.Order(StringComparer.Ordinal).ToList());
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_WithoutToken_Unauthenticated(string fullName)
    {
        var status = await CallAsync(_gateway.CreateChannel(null), fullName);

        Assert.Equal(StatusCode.Unauthenticated, status.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_WithGarbageToken_Unauthenticated(string fullName)
    {
        var status = await CallAsync(_gateway.CreateChannel("not.a.jwt"), fullName);

        Assert.Equal(StatusCode.Unauthenticated, status.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_WithoutScope_PermissionDenied(string fullName)
    {
        var required = RequiredScopes[fullName];
        var others = GatewayScopes.All.Where(s => s != required).ToArray();
        var client = await _gateway.CreateClientAsync([Lea], others);
        var leaToken = await _gateway.GetTokenAsync(client, Lea, others.Where(GatewayScopes.LeaScopes.Contains).ToArray());

        var withLeaToken = await CallAsync(_gateway.CreateChannel(leaToken), fullName);

        Assert.Equal(StatusCode.PermissionDenied, withLeaToken.StatusCode);
        Assert.Contains(required, withLeaToken.Detail);
        if (required != GatewayScopes.FulfillmentPublish)
        {
            var vendorToken = await _gateway.GetTokenAsync(client, null, GatewayScopes.FulfillmentPublish);
            var withVendorToken = await CallAsync(_gateway.CreateChannel(vendorToken), fullName);
            Assert.Equal(StatusCode.PermissionDenied, withVendorToken.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Call_WithRevokedClientToken_Unauthenticated(string fullName)
    {
        var scope = RequiredScopes[fullName];
        var lea = scope == GatewayScopes.FulfillmentPublish ? null : Lea;
        var client = await _gateway.CreateClientAsync([Lea], [scope]);
        var token = await _gateway.GetTokenAsync(client, lea, scope);
        await using (var services = _gateway.Services.CreateAsyncScope())
        {
            await services.ServiceProvider.GetRequiredService<Gateway.Storage.TenantAdministration>().RevokeClientAsync(client.ClientId, CancellationToken.None);
        }

        var status = await CallAsync(_gateway.CreateChannel(token), fullName);

        Assert.Equal(StatusCode.Unauthenticated, status.StatusCode);
    }

    private static IEnumerable<MethodDescriptor> ContractMethods() =>
        typeof(SsrGateway.V1.RosterService).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .Select(p => (FileDescriptor)p!.GetValue(null)!)
            .Where(f => f.Package == "ssrgateway.v1")
            .SelectMany(f => f.Services)
            .SelectMany(s => s.Methods)
            .DistinctBy(m => m.FullName);

    // The name on the wire: "package.Service/Method".
    private static string GrpcName(MethodDescriptor method) => $"{method.Service.FullName}/{method.Name}";

    // Calls a method with an empty message of its request type, whatever its streaming kind, and
    // returns the status it ends with.
    private static async Task<Status> CallAsync(GrpcChannel channel, string fullName)
    {
        var method = ContractMethods().Single(m => GrpcName(m) == fullName);
        var slash = fullName.LastIndexOf('/');
        var type = method.IsClientStreaming
            ? (method.IsServerStreaming ? MethodType.DuplexStreaming : MethodType.ClientStreaming)
            : (method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary);
        var marshaller = Marshallers.Create<byte[]>(b => b, b => b);
        var grpcMethod = new Method<byte[], byte[]>(type, fullName[..slash], fullName[(slash + 1)..], marshaller, marshaller);
        var invoker = channel.CreateCallInvoker();
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(20));

        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(grpcMethod, null, options, []);
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(grpcMethod, null, options, []))
                    {
                        while (await call.ResponseStream.MoveNext(CancellationToken.None))
                        {
                        }
                    }

                    break;
                default:
                    using (var call = invoker.AsyncClientStreamingCall(grpcMethod, null, options))
                    {
                        await call.RequestStream.CompleteAsync();
                        await call.ResponseAsync;
                    }

                    break;
            }
        }
        catch (RpcException exception)
        {
            return exception.Status;
        }

        return Status.DefaultSuccess;
    }
}

public sealed class RpcAuthorizationSqliteTests : RpcAuthorizationTests
{
    protected override string StorageProvider => StorageProviders.Sqlite;
}

public sealed class RpcAuthorizationPostgreSqlTests : RpcAuthorizationTests
{
    protected override string StorageProvider => StorageProviders.PostgreSql;
}
