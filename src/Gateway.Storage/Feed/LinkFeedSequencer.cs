using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gateway.Storage.Feed;

/// <summary>
/// Allocates an LEA's feed sequence numbers inside the writing transaction.
/// </summary>
/// <remarks>
/// A watcher reads "every update after N", so the updates of an LEA must become visible in
/// sequence order. Taking a number before the transaction (or from a database sequence) breaks
/// that: a writer with number 7 can commit after a writer with number 8, and a watcher that has
/// already read 8 never reads 7. Here a writer first locks the LEA's <c>lea_feed_counter</c> row
/// with an upsert, does its work, then advances the counter and commits; the next writer of the
/// LEA blocks on the row until then, so numbers are gap-free and commit in order.
/// On SQLite the upsert takes the database write lock, which the transaction holds until commit.
/// On PostgreSQL <c>INSERT ... ON CONFLICT DO UPDATE</c> locks the row until commit.
/// The SQL is the same for both.
/// </remarks>
public static class LinkFeedSequencer
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private const string LockSql =
        "INSERT INTO lea_feed_counter (lea_code, last_sequence, pruned_through_sequence) VALUES (@lea, 0, 0) " +
        "ON CONFLICT (lea_code) DO UPDATE SET last_sequence = lea_feed_counter.last_sequence " +
        "RETURNING last_sequence";

    private const string AdvanceSql =
        "UPDATE lea_feed_counter SET last_sequence = @last WHERE lea_code = @lea AND last_sequence = @previous";

    /// <summary>
    /// Locks the LEA's counter for the current transaction and returns the last committed
    /// sequence number. Call it first in the transaction, before reading what the write depends on.
    /// </summary>
    public static async Task<long> LockAsync(GatewayDbContext db, string leaCode, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(db, LockSql);
        AddParameter(command, "@lea", leaCode);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Moves the counter from <paramref name="previous"/> (the value <see cref="LockAsync"/>
    /// returned) to <paramref name="last"/> after the transaction inserted the updates in between.
    /// </summary>
    public static async Task AdvanceAsync(GatewayDbContext db, string leaCode, long previous, long last, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(db, AdvanceSql);
        AddParameter(command, "@lea", leaCode);
        AddParameter(command, "@previous", previous);
        AddParameter(command, "@last", last);
        var rows = await command.ExecuteNonQueryAsync(cancellationToken);
        if (rows != 1)
        {
            throw new InvalidOperationException($"The feed counter of LEA {leaCode} moved while locked; the transaction must be rolled back.");
        }
    }

    /// <summary>
    /// Returns whether a failed write may succeed when retried from the start: SQLite's busy or
    /// locked error after the busy timeout, or an error the provider marks transient (PostgreSQL).
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } or DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    private static DbCommand CreateCommand(GatewayDbContext db, string sql)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Feed sequence numbers must be allocated inside the writing transaction.");
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
