using Gateway.Testing;
using Npgsql;

namespace Gateway.Storage.Tests.PostgreSql;

public sealed class PostgresServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Restart_keeps_port_and_data()
    {
        await using var server = await PostgresServer.StartNewAsync().WaitAsync(Timeout);
        var connectionString = await server.CreateDatabaseAsync().WaitAsync(Timeout);
        await ExecuteAsync(connectionString, "CREATE TABLE marker (id int); INSERT INTO marker VALUES (7)");

        await server.StopAsync().WaitAsync(Timeout);
        var whileStopped = await Assert.ThrowsAnyAsync<NpgsqlException>(() => ExecuteAsync(connectionString, "SELECT 1"));
        await server.StartAsync().WaitAsync(Timeout);

        Assert.NotNull(whileStopped);
        Assert.Equal(7, await ScalarAsync(connectionString, "SELECT id FROM marker"));
    }

    [Fact]
    public async Task Databases_are_separate()
    {
        var server = await PostgresServer.GetSharedAsync().WaitAsync(Timeout);

        var first = await server.CreateDatabaseAsync().WaitAsync(Timeout);
        var second = await server.CreateDatabaseAsync().WaitAsync(Timeout);
        await ExecuteAsync(first, "CREATE TABLE only_in_first (id int)");

        Assert.NotEqual(first, second);
        Assert.Equal(0, await ScalarAsync(second, "SELECT count(*)::int FROM pg_tables WHERE tablename = 'only_in_first'"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().WaitAsync(Timeout);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().WaitAsync(Timeout);
    }

    private static async Task<int> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().WaitAsync(Timeout);
        await using var command = new NpgsqlCommand(sql, connection);
        return (int)(await command.ExecuteScalarAsync().WaitAsync(Timeout))!;
    }
}
