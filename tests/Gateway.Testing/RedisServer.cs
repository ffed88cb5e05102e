using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Testing;

/// <summary>
/// A private <c>redis-server</c> on a free loopback port, run as a child process without
/// persistence (<c>--save "" --appendonly no</c>). <see cref="StopAsync"/> and
/// <see cref="StartAsync()"/> stop and restart it on the same port for fault tests; dispose
/// stops it and deletes its folder.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly Lazy<Task<RedisServer>> SharedServer = new(StartSharedAsync);

    private readonly string _executable;
    private readonly string _folder;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private RedisServer(string executable, string folder, int port)
    {
        _executable = executable;
        _folder = folder;
        Port = port;
    }

    /// <summary>Loopback TCP port the server listens on; it stays the same across restarts.</summary>
    public int Port { get; }

    /// <summary>StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>Whether the server process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Returns one server shared by every test in the process, started on first use and stopped
    /// when the process exits. Tests that stop or restart Redis must start their own.
    /// </summary>
    public static Task<RedisServer> GetSharedAsync() => SharedServer.Value;

    /// <summary>Starts a new server on a free loopback port.</summary>
    public static async Task<RedisServer> StartNewAsync()
    {
        var executable = ServerBinaries.FindOnPath("redis-server", "redis-server");
        var folder = Directory.CreateTempSubdirectory("gateway-redis-").FullName;
        var server = new RedisServer(executable, folder, FreePort.Next());
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server process again after <see cref="StopAsync"/>; waits until it replies to PING.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"Redis on port {Port} is already running.");
        }

        string[] arguments = ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder];
        var process = new Process { StartInfo = ProcessRunner.CreateStartInfo(_executable, arguments, runAs: null) };
        process.OutputDataReceived += (_, e) => AppendLog(e.Data);
        process.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        await WaitUntilReadyAsync(process);
    }

    /// <summary>Kills the server process, as a crash would, and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            process.Kill();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
        }

        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        TryDeleteFolder();
    }

    // NOTE: the servers stop on dispose and at a normal process exit only. A test process that
    // is killed leaves its redis-server processes running until they are stopped by hand.
    private static async Task<RedisServer> StartSharedAsync()
    {
        var server = await StartNewAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }

    private async Task WaitUntilReadyAsync(Process process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {Port} exited with code {process.ExitCode} while starting. Output:\n{ReadLog()}");
            }

            if (await AnswersPingAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server on port {Port} did not answer PING within {StartTimeout.TotalSeconds} s. Output:\n{ReadLog()}");
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private void AppendLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private string ReadLog()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    private void TryDeleteFolder()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
