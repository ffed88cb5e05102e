using Gateway.Domain.Tenancy;
using Gateway.Server.Auth;
using Gateway.Server.Tests.Infrastructure;
using Grpc.Core;
using SsrGateway.V1;

namespace Gateway.Server.Tests.Orders;

/// <summary>A roster student of an order test: language code, and whether a guardian can get texts.</summary>
internal sealed record RosterStudent(string Ssid, string School, string LanguageCode, bool Textable, string PortalAccount = "");

/// <summary>Set-up of the order tests: roster uploads and order channels.</summary>
internal static class OrderHarness
{
    public const string Lea = "19647330000000";
    public const string OtherLea = "01611920000000";
    public const string SchoolA = "19647330100001";
    public const string SchoolB = "19647330100002";
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    public static SsrGateway.V1.Administration Summative(string schoolYear = "2025-26") =>
        new() { SchoolYear = schoolYear, Assessment = SsrGateway.V1.Assessment.SummativeElpac };

    /// <summary>Uploads a full roster through the real roster service.</summary>
    public static async Task<RosterUpload> UploadRosterAsync(TestGateway gateway, string leaCode, SsrGateway.V1.Administration administration, IEnumerable<RosterStudent> students)
    {
        var channel = await gateway.CreateLeaChannelAsync(leaCode, GatewayScopes.RosterWrite);
        var client = new RosterService.RosterServiceClient(channel);
        using var call = client.UploadRoster(deadline: DateTime.UtcNow.Add(TestTimeout));
        await call.RequestStream.WriteAsync(new UploadRosterRequest
        {
            Header = new RosterUploadHeader { Administration = administration, Mode = UploadMode.Full, IdempotencyKey = Guid.NewGuid().ToString("N") },
        }).WaitAsync(TestTimeout);
        var batch = new StudentBatch();
        var number = 0;
        foreach (var student in students)
        {
            number++;
            var record = new StudentRecord
            {
                Ssid = student.Ssid, LocalStudentId = "L" + student.Ssid, FirstName = "Test", LastName = $"Student{number}",
                Grade = "05", SchoolCdsCode = student.School, PrimaryLanguageCode = student.LanguageCode,
            };
            record.Guardians.Add(new GuardianRecord
            {
                Name = "Guardian", Relationship = "Mother",
                MobilePhone = student.Textable ? "+1 213 373 4253" : "",
                TextingConsent = student.Textable ? TextingConsent.Yes : TextingConsent.Unspecified,
                PortalAccountId = student.PortalAccount,
            });
            batch.Students.Add(record);
        }

        await call.RequestStream.WriteAsync(new UploadRosterRequest { Batch = batch }).WaitAsync(TestTimeout);
        await call.RequestStream.CompleteAsync().WaitAsync(TestTimeout);
        var response = await call.ResponseAsync.WaitAsync(TestTimeout);
        Assert.Equal(0, response.Upload.RejectedCount);
        return response.Upload;
    }

    public static async Task<OrderService.OrderServiceClient> CreateOrderClientAsync(TestGateway gateway, string leaCode = Lea)
    {
        var channel = await gateway.CreateLeaChannelAsync(leaCode, GatewayScopes.OrdersWrite, GatewayScopes.OrdersRead, GatewayScopes.PricingRead);
        return new OrderService.OrderServiceClient(channel);
    }

    public static async Task<PricingService.PricingServiceClient> CreatePricingClientAsync(TestGateway gateway, string leaCode = Lea)
    {
        var channel = await gateway.CreateLeaChannelAsync(leaCode, GatewayScopes.PricingRead);
        return new PricingService.PricingServiceClient(channel);
    }

    public static PlaceOrderRequest SelectionOrder(string key, SsrGateway.V1.Administration administration, bool textedLinks = false, params string[] ssids)
    {
        var selection = new StudentSelection();
        selection.Ssids.AddRange(ssids);
        return new PlaceOrderRequest
        {
            IdempotencyKey = key,
            Selection = new OrderSelection { Administration = administration, Selection = selection, TextedLinks = textedLinks },
        };
    }

    public static string ErrorReason(RpcException error) =>
        error.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? "";
}
