using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage.Roster;

/// <summary>
/// Stages records through two prepared INSERT statements reused for every row, in one
/// transaction per call. Callers pass up to about 10,000 records per call.
/// </summary>
public sealed class SqliteRosterBulkWriter : IRosterBulkWriter
{
    private static readonly string[] StudentColumns =
    [
        "UploadId", "LeaCode", "RecordIndex", "Rejected", "Ssid", "LocalStudentId", "FirstName", "MiddleName", "LastName",
        "Grade", "SchoolCdsCode", "PrimaryLanguageCode", "PrimaryVideoLanguage", "ContentHash", "StageTime",
    ];

    private static readonly string[] GuardianColumns =
    [
        "UploadId", "LeaCode", "RecordIndex", "Ordinal", "Name", "Relationship", "MobilePhoneE164", "MobilePhoneExtension",
        "Textable", "NotTextableReason", "TextingConsent", "PreferredLanguage", "PortalAccountId",
    ];

    /// <inheritdoc />
    public async Task StageAsync(GatewayDbContext db, string leaCode, string uploadId, IReadOnlyList<StagedRecord> records, DateTimeOffset stageTime, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            using var transaction = connection.BeginTransaction();
            using var students = CreateInsert(connection, transaction, RosterTables.StagedStudents, StudentColumns);
            using var guardians = CreateInsert(connection, transaction, RosterTables.StagedGuardians, GuardianColumns);

            foreach (var record in records)
            {
                cancellationToken.ThrowIfCancellationRequested();
                WriteStudent(students, leaCode, uploadId, record, stageTime);
                if (record.Student is null)
                {
                    continue;
                }

                for (var ordinal = 0; ordinal < record.Student.Guardians.Count; ordinal++)
                {
                    WriteGuardian(guardians, leaCode, uploadId, record.RecordIndex, ordinal, record.Student.Guardians[ordinal]);
                }
            }

            transaction.Commit();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static SqliteCommand CreateInsert(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        }

        command.Prepare();
        return command;
    }

    private static void WriteStudent(SqliteCommand command, string leaCode, string uploadId, StagedRecord record, DateTimeOffset stageTime)
    {
        var student = record.Student;
        var values = command.Parameters;
        values[0].Value = uploadId;
        values[1].Value = leaCode;
        values[2].Value = record.RecordIndex;
        values[3].Value = student is null;
        values[4].Value = record.Ssid;
        values[5].Value = student?.LocalStudentId ?? "";
        values[6].Value = student?.FirstName ?? "";
        values[7].Value = student?.MiddleName ?? "";
        values[8].Value = student?.LastName ?? "";
        values[9].Value = student?.Grade ?? "";
        values[10].Value = student?.SchoolCdsCode ?? "";
        values[11].Value = student?.PrimaryLanguageCode ?? "";
        values[12].Value = (int)(student?.PrimaryVideoLanguage ?? Domain.VideoLanguage.English);
        values[13].Value = record.ContentHash;
        values[14].Value = stageTime;
        command.ExecuteNonQuery();
    }

    private static void WriteGuardian(SqliteCommand command, string leaCode, string uploadId, int recordIndex, int ordinal, Domain.Roster.ValidGuardian guardian)
    {
        var values = command.Parameters;
        values[0].Value = uploadId;
        values[1].Value = leaCode;
        values[2].Value = recordIndex;
        values[3].Value = ordinal;
        values[4].Value = guardian.Name;
        values[5].Value = guardian.Relationship;
        values[6].Value = guardian.MobilePhone.E164;
        values[7].Value = guardian.MobilePhone.Extension;
        values[8].Value = guardian.MobilePhone.Textable;
        values[9].Value = (object?)guardian.MobilePhone.NotTextableReason ?? DBNull.Value;
        values[10].Value = (int)guardian.TextingConsent;
        values[11].Value = guardian.PreferredLanguage;
        values[12].Value = guardian.PortalAccountId;
        command.ExecuteNonQuery();
    }
}
