using System.Text;
using Google.Rpc;
using Grpc.Core;

namespace Gateway.Cli;

/// <summary>Formats a gRPC error for the terminal, with its field violations and error reason.</summary>
internal static class RpcErrorText
{
    public static string Format(RpcException exception)
    {
        var text = new StringBuilder($"error: the gateway returned {exception.StatusCode}: {exception.Status.Detail}");
        var status = exception.GetRpcStatus();
        if (status is null)
        {
            return text.ToString();
        }

        var badRequest = status.GetDetail<BadRequest>();
        foreach (var violation in badRequest?.FieldViolations ?? [])
        {
            text.Append($"\n  {violation.Field}: {violation.Description}");
        }

        var errorInfo = status.GetDetail<ErrorInfo>();
        if (errorInfo is not null)
        {
            text.Append($"\n  reason: {errorInfo.Reason}");
            foreach (var (key, value) in errorInfo.Metadata)
            {
                text.Append($"\n  {key}: {value}");
            }
        }

        return text.ToString();
    }
}
