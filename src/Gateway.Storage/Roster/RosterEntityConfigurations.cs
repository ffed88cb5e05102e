using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Storage.Roster;

// Table names are fixed here because RosterMergeSql and the bulk writers name them in SQL.

internal sealed class StudentEntityConfiguration : IEntityTypeConfiguration<StudentEntity>
{
    public void Configure(EntityTypeBuilder<StudentEntity> builder)
    {
        builder.ToTable(RosterTables.Students);
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.LeaCode, s.SchoolYear, s.Assessment, s.Ssid }).IsUnique();
        builder.HasMany(s => s.Guardians).WithOne().HasForeignKey(g => g.StudentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GuardianEntityConfiguration : IEntityTypeConfiguration<GuardianEntity>
{
    public void Configure(EntityTypeBuilder<GuardianEntity> builder)
    {
        builder.ToTable(RosterTables.Guardians);
        builder.HasKey(g => g.Id);
        builder.HasIndex(g => new { g.StudentId, g.Ordinal }).IsUnique();
        builder.HasIndex(g => g.LeaCode);
    }
}

internal sealed class RosterVersionEntityConfiguration : IEntityTypeConfiguration<RosterVersionEntity>
{
    public void Configure(EntityTypeBuilder<RosterVersionEntity> builder)
    {
        builder.ToTable(RosterTables.Versions);
        builder.HasKey(v => new { v.LeaCode, v.SchoolYear, v.Assessment });
    }
}

internal sealed class RosterUploadEntityConfiguration : IEntityTypeConfiguration<RosterUploadEntity>
{
    public void Configure(EntityTypeBuilder<RosterUploadEntity> builder)
    {
        builder.ToTable(RosterTables.Uploads);
        builder.HasKey(u => u.Id);
        builder.HasIndex(u => new { u.LeaCode, u.IdempotencyKey }).IsUnique();
    }
}

internal sealed class StagedStudentEntityConfiguration : IEntityTypeConfiguration<StagedStudentEntity>
{
    public void Configure(EntityTypeBuilder<StagedStudentEntity> builder)
    {
        builder.ToTable(RosterTables.StagedStudents);
        builder.HasKey(s => new { s.UploadId, s.RecordIndex });
        builder.HasIndex(s => new { s.UploadId, s.Ssid });
        builder.HasIndex(s => s.StageTime);
    }
}

internal sealed class StagedGuardianEntityConfiguration : IEntityTypeConfiguration<StagedGuardianEntity>
{
    public void Configure(EntityTypeBuilder<StagedGuardianEntity> builder)
    {
        builder.ToTable(RosterTables.StagedGuardians);
        builder.HasKey(g => new { g.UploadId, g.RecordIndex, g.Ordinal });
    }
}

/// <summary>Table names of the roster, used by the entity configurations and the SQL of uploads.</summary>
public static class RosterTables
{
    public const string Students = "roster_students";
    public const string Guardians = "roster_guardians";
    public const string Versions = "roster_versions";
    public const string Uploads = "roster_uploads";
    public const string StagedStudents = "roster_staged_students";
    public const string StagedGuardians = "roster_staged_guardians";
}
