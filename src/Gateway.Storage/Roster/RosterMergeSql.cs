namespace Gateway.Storage.Roster;

/// <summary>
/// SQL that merges an upload's staged records into the roster. Identifiers are quoted, so the
/// statements run on SQLite (3.33 or later, for UPDATE ... FROM) and PostgreSQL alike.
/// Positional parameters: {0} upload id, {1} LEA code, {2} school year, {3} assessment,
/// {4} update time.
/// </summary>
internal static class RosterMergeSql
{
    private const string Students = $"\"{RosterTables.Students}\"";
    private const string Guardians = $"\"{RosterTables.Guardians}\"";
    private const string Staged = $"\"{RosterTables.StagedStudents}\"";
    private const string StagedGuardians = $"\"{RosterTables.StagedGuardians}\"";
    private const string Versions = $"\"{RosterTables.Versions}\"";
    private const string Uploads = $"\"{RosterTables.Uploads}\"";

    // A roster row of the upload's administration; `t` is the roster table alias.
    private const string OfAdministration = "t.\"LeaCode\" = {1} AND t.\"SchoolYear\" = {2} AND t.\"Assessment\" = {3}";

    private const string DuplicateSsids =
        $"SELECT d.\"Ssid\" FROM {Staged} d WHERE d.\"UploadId\" = {{0}} GROUP BY d.\"Ssid\" HAVING COUNT(*) > 1";

    /// <summary>Every staged record whose SSID occurs more than once in the upload, with columns RecordIndex and Ssid.</summary>
    public const string SelectDuplicates =
        $"SELECT s.\"RecordIndex\", s.\"Ssid\" FROM {Staged} s WHERE s.\"UploadId\" = {{0}} AND s.\"Ssid\" IN ({DuplicateSsids}) ORDER BY s.\"RecordIndex\"";

    /// <summary>Removes guardians of duplicate records; run before <see cref="DeleteRejectedAndDuplicates"/>.</summary>
    public const string DeleteDuplicateGuardians =
        $"DELETE FROM {StagedGuardians} WHERE \"UploadId\" = {{0}} AND \"RecordIndex\" IN " +
        $"(SELECT s.\"RecordIndex\" FROM {Staged} s WHERE s.\"UploadId\" = {{0}} AND s.\"Ssid\" IN ({DuplicateSsids}))";

    /// <summary>Removes rejected and duplicate records from staging, leaving only records to merge.</summary>
    public const string DeleteRejectedAndDuplicates =
        $"DELETE FROM {Staged} WHERE \"UploadId\" = {{0}} AND (\"Rejected\" OR \"Ssid\" IN ({DuplicateSsids}))";

    /// <summary>Deletes guardians of roster students the staged upload does not list (FULL mode).</summary>
    public const string DeleteGuardiansOfUnlisted =
        $"DELETE FROM {Guardians} WHERE \"StudentId\" IN (SELECT t.\"Id\" FROM {Students} t WHERE {OfAdministration} " +
        $"AND NOT EXISTS (SELECT 1 FROM {Staged} s WHERE s.\"UploadId\" = {{0}} AND s.\"Ssid\" = t.\"Ssid\"))";

    /// <summary>Deletes roster students the staged upload does not list (FULL mode); the row count is the removed count.</summary>
    public const string DeleteUnlisted =
        $"DELETE FROM {Students} WHERE \"Id\" IN (SELECT t.\"Id\" FROM {Students} t WHERE {OfAdministration} " +
        $"AND NOT EXISTS (SELECT 1 FROM {Staged} s WHERE s.\"UploadId\" = {{0}} AND s.\"Ssid\" = t.\"Ssid\"))";

    private const string UnchangedRecordIndexes =
        $"SELECT s.\"RecordIndex\" FROM {Staged} s JOIN {Students} t ON {OfAdministration} " +
        $"AND t.\"Ssid\" = s.\"Ssid\" AND t.\"ContentHash\" = s.\"ContentHash\" WHERE s.\"UploadId\" = {{0}}";

    /// <summary>Drops staged guardians of records equal to the stored student.</summary>
    public const string DeleteUnchangedGuardians =
        $"DELETE FROM {StagedGuardians} WHERE \"UploadId\" = {{0}} AND \"RecordIndex\" IN ({UnchangedRecordIndexes})";

    /// <summary>Drops staged records equal to the stored student; the row count is the unchanged count.</summary>
    public const string DeleteUnchanged =
        $"DELETE FROM {Staged} WHERE \"UploadId\" = {{0}} AND \"RecordIndex\" IN ({UnchangedRecordIndexes})";

    /// <summary>Deletes the guardians of stored students that a remaining staged record changes.</summary>
    public const string DeleteGuardiansOfChanged =
        $"DELETE FROM {Guardians} WHERE \"StudentId\" IN (SELECT t.\"Id\" FROM {Students} t JOIN {Staged} s " +
        $"ON s.\"UploadId\" = {{0}} AND s.\"Ssid\" = t.\"Ssid\" WHERE {OfAdministration})";

    /// <summary>Updates stored students from their staged records in place, keeping their ids.</summary>
    public const string UpdateChanged =
        $"UPDATE {Students} SET \"LocalStudentId\" = s.\"LocalStudentId\", \"FirstName\" = s.\"FirstName\", " +
        "\"MiddleName\" = s.\"MiddleName\", \"LastName\" = s.\"LastName\", \"Grade\" = s.\"Grade\", " +
        "\"SchoolCdsCode\" = s.\"SchoolCdsCode\", \"PrimaryLanguageCode\" = s.\"PrimaryLanguageCode\", " +
        "\"PrimaryVideoLanguage\" = s.\"PrimaryVideoLanguage\", \"ContentHash\" = s.\"ContentHash\", \"UpdateTime\" = {4} " +
        $"FROM {Staged} s WHERE s.\"UploadId\" = {{0}} AND {Students}.\"LeaCode\" = {{1}} AND {Students}.\"SchoolYear\" = {{2}} " +
        $"AND {Students}.\"Assessment\" = {{3}} AND {Students}.\"Ssid\" = s.\"Ssid\"";

    /// <summary>Inserts staged records whose SSID is not on the roster yet.</summary>
    public const string InsertNew =
        $"INSERT INTO {Students} (\"LeaCode\", \"SchoolYear\", \"Assessment\", \"Ssid\", \"LocalStudentId\", \"FirstName\", " +
        "\"MiddleName\", \"LastName\", \"Grade\", \"SchoolCdsCode\", \"PrimaryLanguageCode\", \"PrimaryVideoLanguage\", " +
        "\"ContentHash\", \"UpdateTime\") " +
        "SELECT {1}, {2}, {3}, s.\"Ssid\", s.\"LocalStudentId\", s.\"FirstName\", s.\"MiddleName\", s.\"LastName\", s.\"Grade\", " +
        "s.\"SchoolCdsCode\", s.\"PrimaryLanguageCode\", s.\"PrimaryVideoLanguage\", s.\"ContentHash\", {4} " +
        $"FROM {Staged} s WHERE s.\"UploadId\" = {{0}} AND NOT EXISTS (SELECT 1 FROM {Students} t WHERE {OfAdministration} AND t.\"Ssid\" = s.\"Ssid\")";

    /// <summary>Inserts the staged guardians of every remaining staged record under its stored student.</summary>
    public const string InsertGuardians =
        $"INSERT INTO {Guardians} (\"LeaCode\", \"StudentId\", \"Ordinal\", \"Name\", \"Relationship\", \"MobilePhoneE164\", " +
        "\"MobilePhoneExtension\", \"Textable\", \"NotTextableReason\", \"TextingConsent\", \"PreferredLanguage\", \"PortalAccountId\") " +
        "SELECT {1}, t.\"Id\", g.\"Ordinal\", g.\"Name\", g.\"Relationship\", g.\"MobilePhoneE164\", g.\"MobilePhoneExtension\", " +
        "g.\"Textable\", g.\"NotTextableReason\", g.\"TextingConsent\", g.\"PreferredLanguage\", g.\"PortalAccountId\" " +
        $"FROM {StagedGuardians} g JOIN {Staged} s ON s.\"UploadId\" = g.\"UploadId\" AND s.\"RecordIndex\" = g.\"RecordIndex\" " +
        $"JOIN {Students} t ON {OfAdministration} AND t.\"Ssid\" = s.\"Ssid\" WHERE g.\"UploadId\" = {{0}}";

    /// <summary>Deletes the upload's staged guardians.</summary>
    public const string DeleteStagedGuardians = $"DELETE FROM {StagedGuardians} WHERE \"UploadId\" = {{0}}";

    /// <summary>Deletes the upload's staged records.</summary>
    public const string DeleteStaged = $"DELETE FROM {Staged} WHERE \"UploadId\" = {{0}}";

    /// <summary>Raises the administration's roster version by one, creating it at 1. Parameters {0} LEA, {1} year, {2} assessment.</summary>
    public const string BumpVersion =
        $"INSERT INTO {Versions} (\"LeaCode\", \"SchoolYear\", \"Assessment\", \"Version\") VALUES ({{0}}, {{1}}, {{2}}, 1) " +
        $"ON CONFLICT (\"LeaCode\", \"SchoolYear\", \"Assessment\") DO UPDATE SET \"Version\" = {Versions}.\"Version\" + 1";

    /// <summary>
    /// Claims the idempotency key by inserting the upload row. A row count of 0 means another
    /// upload already uses the key. Parameters {0} id, {1} LEA, {2} school year, {3} assessment, {4} mode,
    /// {5} key, {6} content hash, {7} create time, {8} empty outcome.
    /// </summary>
    public const string ClaimUpload =
        $"INSERT INTO {Uploads} (\"Id\", \"LeaCode\", \"SchoolYear\", \"Assessment\", \"Mode\", \"IdempotencyKey\", \"ContentHash\", " +
        "\"AcceptedCount\", \"RejectedCount\", \"UnchangedCount\", \"RemovedCount\", \"RosterVersion\", \"CreateTime\", \"Outcome\") " +
        "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, 0, 0, 0, 0, 0, {7}, {8}) " +
        "ON CONFLICT (\"LeaCode\", \"IdempotencyKey\") DO NOTHING";

    /// <summary>
    /// Stores the outcome of a claimed upload. Parameters {0} id, {1} accepted, {2} rejected,
    /// {3} unchanged, {4} removed, {5} roster version, {6} outcome bytes.
    /// </summary>
    public const string CompleteUpload =
        $"UPDATE {Uploads} SET \"AcceptedCount\" = {{1}}, \"RejectedCount\" = {{2}}, \"UnchangedCount\" = {{3}}, " +
        $"\"RemovedCount\" = {{4}}, \"RosterVersion\" = {{5}}, \"Outcome\" = {{6}} WHERE \"Id\" = {{0}}";

    // Uploads whose newest staged row is older than {0}. Each batch is stamped when it is written,
    // so an upload that is still streaming keeps its rows however long it runs.
    private const string AbandonedUploads =
        $"SELECT \"UploadId\" FROM {Staged} GROUP BY \"UploadId\" HAVING MAX(\"StageTime\") < {{0}}";

    /// <summary>Deletes the staged guardians, of any LEA, of uploads that stopped staging before {0}.</summary>
    public const string DeleteAbandonedGuardians = $"DELETE FROM {StagedGuardians} WHERE \"UploadId\" IN ({AbandonedUploads})";

    /// <summary>Deletes the staged records, of any LEA, of uploads that stopped staging before {0}.</summary>
    public const string DeleteAbandoned = $"DELETE FROM {Staged} WHERE \"UploadId\" IN ({AbandonedUploads})";
}
