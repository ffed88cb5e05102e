using Gateway.Storage.Roster;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage;

public partial class GatewayDbContext
{
    public DbSet<StudentEntity> Students => Set<StudentEntity>();
    public DbSet<GuardianEntity> Guardians => Set<GuardianEntity>();
    public DbSet<RosterVersionEntity> RosterVersions => Set<RosterVersionEntity>();
    public DbSet<RosterUploadEntity> RosterUploads => Set<RosterUploadEntity>();
    public DbSet<StagedStudentEntity> StagedStudents => Set<StagedStudentEntity>();
    public DbSet<StagedGuardianEntity> StagedGuardians => Set<StagedGuardianEntity>();
}
