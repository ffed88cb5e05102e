using System.Diagnostics.CodeAnalysis;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Gateway.Server.Rpc;

/// <summary>
/// Builds the errors a caller can get, with <c>google.rpc</c> details attached as the
/// <c>grpc-status-details-bin</c> trailer: field violations for INVALID_ARGUMENT and a stable
/// reason for FAILED_PRECONDITION. Messages name the value and what to do next.
/// </summary>
public static class RpcErrors
{
    /// <summary>The <c>ErrorInfo.domain</c> of every error the gateway raises.</summary>
    public const string ErrorDomain = "ssrgateway.v1";

    /// <summary>INVALID_ARGUMENT with one field violation per (field path, description).</summary>
    public static RpcException InvalidArgument(string message, params IEnumerable<(string Field, string Description)> violations)
    {
        var badRequest = new BadRequest();
        foreach (var (field, description) in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        }

        return Build(Code.InvalidArgument, message, badRequest);
    }

    /// <summary>INVALID_ARGUMENT for a single field.</summary>
    public static RpcException InvalidField(string field, string description) =>
        InvalidArgument($"{field}: {description}", (field, description));

    /// <summary>
    /// NOT_FOUND. Callers pass the same message for a missing id and for another LEA's id, so the
    /// status cannot tell them apart.
    /// </summary>
    public static RpcException NotFound(string message) => Build(Code.NotFound, message);

    /// <summary>FAILED_PRECONDITION with an <c>ErrorInfo</c> whose reason is stable (UPPER_SNAKE_CASE).</summary>
    public static RpcException FailedPrecondition(string reason, string message, IReadOnlyDictionary<string, string>? metadata = null) =>
        Build(Code.FailedPrecondition, message, ErrorInfo(reason, metadata));

    /// <summary>ALREADY_EXISTS with an <c>ErrorInfo</c> reason.</summary>
    public static RpcException AlreadyExists(string reason, string message) =>
        Build(Code.AlreadyExists, message, ErrorInfo(reason, null));

    /// <summary>UNAVAILABLE, for a dependency that is down or a server that is stopping; the call may be retried.</summary>
    public static RpcException Unavailable(string message) => Build(Code.Unavailable, message);

    /// <summary>Throws <see cref="InvalidField"/>; keeps guard clauses in services to one line.</summary>
    [DoesNotReturn]
    public static void ThrowInvalidField(string field, string description) => throw InvalidField(field, description);

    private static ErrorInfo ErrorInfo(string reason, IReadOnlyDictionary<string, string>? metadata)
    {
        var info = new ErrorInfo { Reason = reason, Domain = ErrorDomain };
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                info.Metadata[key] = value;
            }
        }

        return info;
    }

    private static RpcException Build(Code code, string message, params Google.Protobuf.IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }

        return status.ToRpcException();
    }
}
