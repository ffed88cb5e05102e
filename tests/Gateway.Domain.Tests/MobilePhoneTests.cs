using Gateway.Domain.Roster;

namespace Gateway.Domain.Tests;

public sealed class MobilePhoneTests
{
    [Theory]
    [InlineData("(415) 555-2671", "+14155552671")]
    [InlineData("415-555-2671", "+14155552671")]
    [InlineData("415.555.2671", "+14155552671")]
    [InlineData("4155552671", "+14155552671")]
    [InlineData("+1 415 555 2671", "+14155552671")]
    [InlineData("1-415-555-2671", "+14155552671")]
    [InlineData("  +14155552671  ", "+14155552671")]
    public void Parse_UsMobileFormats(string text, string e164)
    {
        var phone = MobilePhone.Parse(text);

        Assert.Equal(e164, phone.E164);
        Assert.Equal("", phone.Extension);
        Assert.True(phone.Textable);
        Assert.Null(phone.NotTextableReason);
    }

    [Theory]
    [InlineData("415-555-2671 x123", "123")]
    [InlineData("(415) 555-2671 ext. 45", "45")]
    [InlineData("+1 415 555 2671 extension 7", "7")]
    public void Parse_SplitsExtension(string text, string extension)
    {
        var phone = MobilePhone.Parse(text);

        Assert.Equal("+14155552671", phone.E164);
        Assert.Equal(extension, phone.Extension);
        Assert.True(phone.Textable);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_Empty(string? text)
    {
        var phone = MobilePhone.Parse(text);

        Assert.False(phone.Textable);
        Assert.Equal(MobilePhone.NoMobileNumber, phone.NotTextableReason);
        Assert.Equal("", phone.E164);
    }

    [Fact]
    public void Parse_TollFree()
    {
        var phone = MobilePhone.Parse("1-800-555-0199");

        Assert.Equal("+18005550199", phone.E164);
        Assert.False(phone.Textable);
        Assert.Equal("toll-free number", phone.NotTextableReason);
    }

    [Theory]
    [InlineData("555-1234")]
    [InlineData("(123) 456-7890")]
    [InlineData("+1 999 999 9999")]
    [InlineData("555-0100")]
    public void Parse_InvalidNumber(string text)
    {
        var phone = MobilePhone.Parse(text);

        Assert.False(phone.Textable);
        Assert.Equal("invalid number", phone.NotTextableReason);
        Assert.Equal("", phone.E164);
    }

    [Fact]
    public void Parse_NotAPhoneNumber()
    {
        var phone = MobilePhone.Parse("call the office");

        Assert.False(phone.Textable);
        Assert.Equal("not a phone number", phone.NotTextableReason);
        Assert.Equal("", phone.E164);
    }

    [Fact]
    public void Parse_ForeignMobile()
    {
        var phone = MobilePhone.Parse("+44 7911 123456");

        Assert.Equal("+447911123456", phone.E164);
        Assert.True(phone.Textable);
    }

    [Fact]
    public void Parse_ForeignLandline()
    {
        var phone = MobilePhone.Parse("+44 20 7946 0018");

        Assert.Equal("+442079460018", phone.E164);
        Assert.False(phone.Textable);
        Assert.Equal("landline", phone.NotTextableReason);
    }

    [Fact]
    public void Parse_PremiumRate()
    {
        var phone = MobilePhone.Parse("1-900-555-0123");

        Assert.False(phone.Textable);
        Assert.Equal("premium-rate number", phone.NotTextableReason);
    }
}
