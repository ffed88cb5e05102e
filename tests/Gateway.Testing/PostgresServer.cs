using Npgsql;

namespace Gateway.Testing;

/// <summary>
/// A private PostgreSQL cluster in a temporary folder, listening on a free loopback port with
/// trust authentication for the <c>postgres</c> superuser. When the tests run as root, the
/// cluster runs as the <c>postgres</c> system user through <c>runuser</c>, because PostgreSQL
/// refuses to run as root. <see cref="StopAsync"/> and <see cref="StartAsync()"/> stop and restart
/// it on the same port for fault tests; dispose stops it and deletes its folder.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string SystemUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(StartSharedAsync);

    private readonly string _binFolder;
    private readonly string _folder;
    private bool _running;

    private PostgresServer(string binFolder, string folder, int port)
    {
        _binFolder = binFolder;
        _folder = folder;
        Port = port;
    }

    /// <summary>Loopback TCP port the cluster listens on; it stays the same across restarts.</summary>
    public int Port { get; }

    /// <summary>Whether the cluster was started and not stopped since.</summary>
    public bool IsRunning => _running;

    private string DataFolder => Path.Combine(_folder, "data");

    private string SocketFolder => Path.Combine(_folder, "sockets");

    private string LogFile => Path.Combine(_folder, "postgres.log");

    /// <summary>
    /// Returns one cluster shared by every test in the process, started on first use and stopped
    /// when the process exits. Give each test class its own database with
    /// <see cref="CreateDatabaseAsync"/>; tests that stop or restart PostgreSQL must start their own.
    /// </summary>
    public static Task<PostgresServer> GetSharedAsync() => SharedServer.Value;

    /// <summary>Creates a cluster with <c>initdb</c> and starts it on a free loopback port.</summary>
    public static async Task<PostgresServer> StartNewAsync()
    {
        var binFolder = ServerBinaries.FindPostgresBinFolder();
        var folder = Directory.CreateTempSubdirectory("gateway-postgres-").FullName;
        var server = new PostgresServer(binFolder, folder, FreePort.Next());
        try
        {
            await server.InitializeAsync();
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Returns a connection string for <paramref name="database"/> as the superuser.</summary>
    public string GetConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            IncludeErrorDetail = true,
        }.ConnectionString;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string namePrefix = "test")
    {
        var name = $"{namePrefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(GetConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return GetConnectionString(name);
    }

    /// <summary>Starts the cluster with <c>pg_ctl start</c> and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (_running)
        {
            throw new InvalidOperationException($"PostgreSQL on port {Port} is already running.");
        }

        // fsync and synchronous commit are off because the cluster is thrown away after the tests.
        // Every test class keeps its own connection pool, so the default of 100 connections is
        // too few for a whole test run.
        var serverOptions = $"-p {Port} -k {SocketFolder} -c listen_addresses=127.0.0.1 -c max_connections=500 " +
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunAsync("pg_ctl", ["start", "-w", "-t", "60", "-D", DataFolder, "-l", LogFile, "-o", serverOptions]);
        _running = true;
    }

    /// <summary>
    /// Stops the cluster with <c>pg_ctl stop -m fast</c>, which ends open sessions, and clears
    /// this process's Npgsql connection pools so no client reuses a dead connection.
    /// </summary>
    public async Task StopAsync()
    {
        if (!_running)
        {
            return;
        }

        await RunAsync("pg_ctl", ["stop", "-w", "-t", "60", "-D", DataFolder, "-m", "fast"]);
        _running = false;
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            TryDeleteFolder();
        }
    }

    // NOTE: the servers stop on dispose and at a normal process exit only. A test process that
    // is killed leaves its PostgreSQL processes running until they are stopped by hand.
    private static async Task<PostgresServer> StartSharedAsync()
    {
        var server = await StartNewAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }

    private async Task InitializeAsync()
    {
        Directory.CreateDirectory(SocketFolder);
        if (Environment.IsPrivilegedProcess)
        {
            await ProcessRunner.RunAsync("chown", ["-R", $"{SystemUser}:{SystemUser}", _folder], CommandTimeout);
        }

        await RunAsync("initdb", ["-D", DataFolder, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"]);
    }

    private Task<string> RunAsync(string tool, IEnumerable<string> arguments) =>
        ProcessRunner.RunAsync(Path.Combine(_binFolder, tool), arguments, CommandTimeout, runAs: SystemUser);

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
        catch (UnauthorizedAccessException)
        {
            // Same: the folder may belong to the postgres user when the tests do not run as root.
        }
    }
}
