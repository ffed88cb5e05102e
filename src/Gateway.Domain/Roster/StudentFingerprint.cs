using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
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
        var buffer = new ArrayBufferWriter<byte>(512);
        Append(buffer, student.Ssid);
        Append(buffer, student.LocalStudentId);
        Append(buffer, student.FirstName);
        Append(buffer, student.MiddleName);
        Append(buffer, student.LastName);
        Append(buffer, student.Grade);
        Append(buffer, student.SchoolCdsCode);
        Append(buffer, student.PrimaryLanguageCode);
        Append(buffer, ((int)student.PrimaryVideoLanguage).ToString(CultureInfo.InvariantCulture));
        Append(buffer, student.Guardians.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var guardian in student.Guardians)
        {
            Append(buffer, guardian.Name);
            Append(buffer, guardian.Relationship);
            Append(buffer, guardian.MobilePhone.E164);
            Append(buffer, guardian.MobilePhone.Extension);
            Append(buffer, guardian.MobilePhone.NotTextableReason ?? "");
            Append(buffer, ((int)guardian.TextingConsent).ToString(CultureInfo.InvariantCulture));
            Append(buffer, guardian.PreferredLanguage);
            Append(buffer, guardian.PortalAccountId);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void Append(ArrayBufferWriter<byte> buffer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), length);
        buffer.Advance(4);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }
}
