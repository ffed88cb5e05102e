using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Domain.Roster;

/// <summary>
/// SHA-256 over every stored value of a validated student, each value length-prefixed so that
/// no two different students share an encoding. An upload compares it with the stored student's
/// fingerprint to count the record as unchanged.
/// </summary>
public static class StudentFingerprint
{
    /// <summary>Computes the fingerprint as lowercase hex.</summary>
    public static string Compute(ValidStudent student)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, student.Ssid);
        Append(hash, student.LocalStudentId);
        Append(hash, student.FirstName);
        Append(hash, student.MiddleName);
        Append(hash, student.LastName);
        Append(hash, student.Grade);
        Append(hash, student.SchoolCdsCode);
        Append(hash, student.PrimaryLanguageCode);
        Append(hash, ((int)student.PrimaryVideoLanguage).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(hash, student.Guardians.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var guardian in student.Guardians)
        {
            Append(hash, guardian.Name);
            Append(hash, guardian.Relationship);
            Append(hash, guardian.MobilePhone.E164);
            Append(hash, guardian.MobilePhone.Extension);
            Append(hash, guardian.MobilePhone.NotTextableReason ?? "");
            Append(hash, ((int)guardian.TextingConsent).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Append(hash, guardian.PreferredLanguage);
            Append(hash, guardian.PortalAccountId);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string value)
    {
        Span<byte> length = stackalloc byte[4];
        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
