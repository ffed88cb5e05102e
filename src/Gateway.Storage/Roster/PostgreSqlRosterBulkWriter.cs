using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Gateway.Storage.Roster;

/// <summary>
/// Stages records with PostgreSQL binary COPY, one COPY per staging table, in one transaction
/// per call. The column lists and types must match the PostgreSQL migration of
/// <see cref="StagedStudentEntity"/> and <see cref="StagedGuardianEntity"/>; a mismatch fails
/// the COPY rather than converting silently.
/// </summary>
public sealed class PostgreSqlRosterBulkWriter : IRosterBulkWriter
{
    private static readonly string CopyStudents =
        $"COPY \"{RosterTables.StagedStudents}\" (\"UploadId\", \"LeaCode\", \"RecordIndex\", \"Rejected\", \"Ssid\", " +
        "\"LocalStudentId\", \"FirstName\", \"MiddleName\", \"LastName\", \"Grade\", \"SchoolCdsCode\", " +
        "\"PrimaryLanguageCode\", \"PrimaryVideoLanguage\", \"ContentHash\", \"StageTime\") FROM STDIN (FORMAT BINARY)";

    private static readonly string CopyGuardians =
        $"COPY \"{RosterTables.StagedGuardians}\" (\"UploadId\", \"LeaCode\", \"RecordIndex\", \"Ordinal\", \"Name\", " +
        "\"Relationship\", \"MobilePhoneE164\", \"MobilePhoneExtension\", \"Textable\", \"NotTextableReason\", " +
        "\"TextingConsent\", \"PreferredLanguage\", \"PortalAccountId\") FROM STDIN (FORMAT BINARY)";

    /// <inheritdoc />
    public async Task StageAsync(GatewayDbContext db, string leaCode, string uploadId, IReadOnlyList<StagedRecord> records, DateTimeOffset stageTime, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await CopyStudentsAsync(connection, leaCode, uploadId, records, stageTime, cancellationToken);
            await CopyGuardiansAsync(connection, leaCode, uploadId, records, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task CopyStudentsAsync(
        NpgsqlConnection connection, string leaCode, string uploadId, IReadOnlyList<StagedRecord> records, DateTimeOffset stageTime, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopyStudents, cancellationToken);
        foreach (var record in records)
        {
            var student = record.Student;
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(uploadId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(leaCode, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(record.RecordIndex, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(student is null, NpgsqlDbType.Boolean, cancellationToken);
            await importer.WriteAsync(record.Ssid, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(student?.LocalStudentId ?? "", NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(student?.FirstName ?? "", NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(student?.MiddleName ?? "", NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(student?.LastName ?? "", NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(student?.Grade ?? "", NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(student?.SchoolCdsCode ?? "", NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(student?.PrimaryLanguageCode ?? "", NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync((int)(student?.PrimaryVideoLanguage ?? Domain.VideoLanguage.English), NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(record.ContentHash, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(stageTime.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task CopyGuardiansAsync(
        NpgsqlConnection connection, string leaCode, string uploadId, IReadOnlyList<StagedRecord> records, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopyGuardians, cancellationToken);
        foreach (var record in records)
        {
            var guardians = record.Student?.Guardians ?? [];
            for (var ordinal = 0; ordinal < guardians.Count; ordinal++)
            {
                var guardian = guardians[ordinal];
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(uploadId, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(leaCode, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(record.RecordIndex, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(ordinal, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(guardian.Name, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(guardian.Relationship, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(guardian.MobilePhone.E164, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(guardian.MobilePhone.Extension, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(guardian.MobilePhone.Textable, NpgsqlDbType.Boolean, cancellationToken);
                if (guardian.MobilePhone.NotTextableReason is { } reason)
                {
                    await importer.WriteAsync(reason, NpgsqlDbType.Text, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }

                await importer.WriteAsync((int)guardian.TextingConsent, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(guardian.PreferredLanguage, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(guardian.PortalAccountId, NpgsqlDbType.Text, cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }
}
