using System.Net.Sockets;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Npgsql;

namespace Gateway.Server.Rpc;

/// <summary>
/// Turns a lost database connection into UNAVAILABLE, the status a client retries, instead of
/// the UNKNOWN an unhandled exception would give. An open server stream ends with the same
/// status, so a link watcher reconnects and resumes from its last sequence number.
/// </summary>
public sealed class DependencyUnavailableInterceptor : Interceptor
{
    private readonly ILogger<DependencyUnavailableInterceptor> _logger;

    public DependencyUnavailableInterceptor(ILogger<DependencyUnavailableInterceptor> logger)
    {
        _logger = logger;
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (IsDatabaseUnavailable(ex))
        {
            throw Unavailable(context, ex);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (IsDatabaseUnavailable(ex))
        {
            throw Unavailable(context, ex);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (IsDatabaseUnavailable(ex))
        {
            throw Unavailable(context, ex);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex) when (IsDatabaseUnavailable(ex))
        {
            throw Unavailable(context, ex);
        }
    }

    /// <summary>
    /// Returns whether <paramref name="exception"/> or one of its inner exceptions means the
    /// PostgreSQL server cannot be reached or is shutting down, as opposed to a failed statement.
    /// EF Core wraps provider exceptions (DbUpdateException, InvalidOperationException), so the
    /// whole chain is searched.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case RpcException:
                    return false;
                case PostgresException postgres:
                    return IsUnavailableState(postgres.SqlState);
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException:
                    return true;
            }
        }

        return false;
    }

    // Class 08 is "connection exception"; 57P01-57P03 are admin shutdown, crash shutdown and
    // "cannot connect now" (the server is starting or stopping).
    private static bool IsUnavailableState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState is "57P01" or "57P02" or "57P03";

    private RpcException Unavailable(ServerCallContext context, Exception exception)
    {
        DependencyLog.DatabaseUnavailable(_logger, context.Method, exception);
        return RpcErrors.Unavailable("The database is unavailable. Retry the call with backoff.");
    }
}

internal static partial class DependencyLog
{
    [LoggerMessage(EventId = 5101, EventName = "DatabaseUnavailable", Level = LogLevel.Warning,
        Message = "Request {Method} failed because the database is unavailable; it answers UNAVAILABLE")]
    public static partial void DatabaseUnavailable(ILogger logger, string method, Exception exception);
}
