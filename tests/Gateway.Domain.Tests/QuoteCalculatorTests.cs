using Gateway.Domain;
using Gateway.Domain.Pricing;
using Gateway.Domain.Roster;

namespace Gateway.Domain.Tests;

public sealed class QuoteCalculatorTests
{
    private static readonly QuoteGuardian Textable = new(true, TextingConsent.Yes);
    private static readonly QuoteGuardian Landline = new(false, TextingConsent.Yes);

    [Fact]
    public void Quote_WorkedExample()
    {
        var languages = new LanguageCodes(new LanguageOptions());
        var calculator = new QuoteCalculator(new PricingOptions(), textedLinks: true);
        string[] codes = ["01", "03", "00"];
        QuoteGuardian[][] guardians = [[Textable], [Landline], [Textable]];
        for (var i = 0; i < 3; i++)
        {
            Assert.True(languages.TryResolve(codes[i], out _, out var language, out _));
            calculator.Add(new QuoteStudent($"000000000{i}", language, guardians[i]));
        }

        var quote = calculator.Build();

        Assert.Equal(3, quote.SetCount);
        Assert.Equal([new(VideoLanguage.English, 3), new(VideoLanguage.Spanish, 1)], quote.VideosByLanguage);
        Assert.Equal(2, quote.TextedLinkCount);
        Assert.Equal(3.00m, quote.Lines[0].Amount);
        Assert.Equal(0.50m, quote.Lines[1].Amount);
        Assert.Equal(0.25m, quote.Lines[1].UnitPrice);
        Assert.Equal(3.50m, quote.Total);
        var excluded = Assert.Single(quote.Exclusions);
        Assert.Equal(("0000000001", QuoteExclusionReason.NoTextableMobile, true), (excluded.Ssid, excluded.Reason, excluded.TextedLinkOnly));
    }

    [Fact]
    public void Quote_WithoutTextedLinks()
    {
        var calculator = new QuoteCalculator(new PricingOptions(), textedLinks: false);
        calculator.Add(new QuoteStudent("0000000001", VideoLanguage.Vietnamese, []));
        calculator.Add(new QuoteStudent("0000000002", VideoLanguage.Filipino, [Textable]));
        calculator.Add(new QuoteStudent("0000000003", VideoLanguage.Mandarin, [Textable]));
        calculator.Add(new QuoteStudent("0000000004", VideoLanguage.Vietnamese, []));

        var quote = calculator.Build();

        Assert.Equal(4.00m, quote.Total);
        Assert.Single(quote.Lines);
        Assert.Equal(0, quote.TextedLinkCount);
        Assert.Empty(quote.Exclusions);
        Assert.Equal(
            [new(VideoLanguage.English, 4), new(VideoLanguage.Vietnamese, 2), new(VideoLanguage.Mandarin, 1), new(VideoLanguage.Filipino, 1)],
            quote.VideosByLanguage);
    }

    [Fact]
    public void Quote_ConsentRules()
    {
        var calculator = new QuoteCalculator(new PricingOptions(), textedLinks: true);
        calculator.Add(new QuoteStudent("0000000001", VideoLanguage.English, [new(true, TextingConsent.No)]));
        calculator.Add(new QuoteStudent("0000000002", VideoLanguage.English, [new(true, TextingConsent.No), new(true, TextingConsent.Unknown)]));
        calculator.Add(new QuoteStudent("0000000003", VideoLanguage.English, [new(false, TextingConsent.Yes), new(true, TextingConsent.No)]));
        calculator.Add(new QuoteStudent("0000000004", VideoLanguage.English, []));
        calculator.ExcludeNotOnRoster("0000000009");
        calculator.ExcludeDuplicate("0000000002");

        var quote = calculator.Build();

        Assert.Equal(4, quote.SetCount);
        Assert.Equal(1, quote.TextedLinkCount);
        Assert.Equal(4.25m, quote.Total);
        Assert.Equal(
            [
                ("0000000001", QuoteExclusionReason.TextingConsentDeclined),
                ("0000000003", QuoteExclusionReason.TextingConsentDeclined),
                ("0000000004", QuoteExclusionReason.NoTextableMobile),
                ("0000000009", QuoteExclusionReason.NotOnRoster),
                ("0000000002", QuoteExclusionReason.DuplicateInSelection),
            ],
            quote.Exclusions.Select(e => (e.Ssid, e.Reason)));
    }

    [Fact]
    public void Quote_SkipsLanguageNotOffered()
    {
        var options = new PricingOptions { ReplaceOfferedPrimaryLanguages = [VideoLanguage.Spanish] };
        var calculator = new QuoteCalculator(options, textedLinks: false);
        calculator.Add(new QuoteStudent("0000000001", VideoLanguage.Filipino, []));
        calculator.Add(new QuoteStudent("0000000002", VideoLanguage.Spanish, []));

        var quote = calculator.Build();

        Assert.Equal([new(VideoLanguage.English, 2), new(VideoLanguage.Spanish, 1)], quote.VideosByLanguage);
    }

    [Fact]
    public void Quote_ConfiguredPrices()
    {
        var calculator = new QuoteCalculator(new PricingOptions { SetPrice = 1.10m, TextedLinkPrice = 0.333m }, textedLinks: true);
        for (var i = 0; i < 3; i++)
        {
            calculator.Add(new QuoteStudent($"000000000{i}", VideoLanguage.English, [Textable]));
        }

        var quote = calculator.Build();

        Assert.Equal(3.30m, quote.Lines[0].Amount);
        Assert.Equal(0.999m, quote.Lines[1].Amount);
        Assert.Equal(4.299m, quote.Total);
    }

    [Fact]
    public void Quote_Empty()
    {
        var quote = new QuoteCalculator(new PricingOptions(), textedLinks: true).Build();

        Assert.Equal(0m, quote.Total);
        Assert.Empty(quote.VideosByLanguage);
        Assert.Equal(0, quote.SetCount);
    }
}
