namespace Gateway.Imports;

/// <summary>
/// Adds each OneRoster student to the contact book under its key and attaches the guardians
/// linked to it through <c>agentSourcedIds</c>, whichever side lists the link.
/// </summary>
internal sealed class GuardianLinker(ContactBook book, UsersFile users, OneRosterOptions options)
{
    private readonly Dictionary<string, ContactStudent> studentsById = new(StringComparer.Ordinal);

    public void Link()
    {
        foreach (var student in users.Users.Where(user => user.IsStudent))
        {
            AddStudent(student);
        }

        var guardians = users.Users.Where(user => !user.IsStudent).ToList();
        var linkedStudents = guardians.ToDictionary(guardian => guardian.SourcedId, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var student in users.Users.Where(user => user.IsStudent))
        {
            foreach (var agent in student.Agents.Where(linkedStudents.ContainsKey))
            {
                AddLink(linkedStudents[agent], student.SourcedId);
            }
        }

        foreach (var guardian in guardians)
        {
            foreach (var studentId in guardian.Agents)
            {
                AddLink(linkedStudents[guardian.SourcedId], studentId);
            }
        }

        foreach (var guardian in guardians)
        {
            AddGuardian(guardian, linkedStudents[guardian.SourcedId]);
        }
    }

    private static void AddLink(List<string> studentIds, string studentId)
    {
        if (!studentIds.Contains(studentId))
        {
            studentIds.Add(studentId);
        }
    }

    private void AddStudent(OneRosterUser student)
    {
        var key = options.StudentKeyUserIdType is { } type
            ? OneRosterReader.ParseUserIds(student.UserIds)
                .Where(entry => entry.Type.Equals(type, StringComparison.OrdinalIgnoreCase))
                .Select(entry => entry.Value)
                .FirstOrDefault(value => value.Length > 0)
            : student.Identifier;
        var keySource = options.StudentKeyUserIdType is { } keyType ? $"userIds entry of type '{keyType}'" : "identifier";
        if (key is null)
        {
            users.Summary.Reject(student.Source, RejectionReason.MissingValue, $"student '{student.SourcedId}' has no {keySource}.");
            return;
        }

        if (options.MatchOn == StudentMatchKey.Ssid && !ElpacRowParser.IsSsid(key))
        {
            users.Summary.Reject(student.Source, RejectionReason.InvalidSsid, $"SSID '{key}' from {keySource} is invalid: expected exactly 10 digits.");
            return;
        }

        var entry = options.MatchOn == StudentMatchKey.Ssid ? book.GetOrAdd(key, null) : book.GetOrAdd(null, key);
        entry.Rows.Add(book.AddRow(users.Summary, student.Source));
        studentsById[student.SourcedId] = entry;
    }

    private void AddGuardian(OneRosterUser guardian, List<string> studentIds)
    {
        var students = studentIds.Where(studentsById.ContainsKey).Select(id => studentsById[id]).Distinct().ToList();
        if (students.Count == 0)
        {
            var message = studentIds.Count == 0
                ? $"guardian '{guardian.SourcedId}' is not linked to any student through agentSourcedIds."
                : $"guardian '{guardian.SourcedId}' is linked only to students that are missing or were rejected: {string.Join(", ", studentIds)}.";
            users.Summary.Reject(guardian.Source, RejectionReason.GuardianNotLinked, message);
            return;
        }

        var contact = new GuardianContact
        {
            Name = JoinName(guardian),
            Relationship = guardian.Role,
            MobilePhone = guardian.Sms ?? guardian.Phone,
            TextingConsent = TextingConsent.Unknown,
            PreferredLanguage = guardian.PreferredLanguage,
            PortalAccountId = options.PortalAccountId == PortalAccountIdSource.Username ? guardian.Username : guardian.SourcedId,
            Source = guardian.Source,
        };
        var row = book.AddRow(users.Summary, guardian.Source);
        foreach (var student in students)
        {
            student.Add(contact, row);
        }
    }

    private static string? JoinName(OneRosterUser user)
    {
        var parts = new[] { user.GivenName, user.MiddleName, user.FamilyName }.Where(part => part is not null);
        var name = string.Join(' ', parts);
        return name.Length == 0 ? null : name;
    }
}
