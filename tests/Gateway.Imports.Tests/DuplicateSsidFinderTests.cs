namespace Gateway.Imports.Tests;

public class DuplicateSsidFinderTests
{
    [Fact]
    public void FindDuplicates_AcrossManyRuns()
    {
        // 300,000 rows fill several sorted runs, so the repeats below sit in different runs.
        const int rowCount = 300_000;
        var finder = new DuplicateSsidFinder("large.txt");
        for (var index = 0; index < rowCount; index++)
        {
            var ssid = index switch
            {
                10 or 150_000 or 299_999 => 1_000_000_001L,
                70_000 or 70_001 => 9_999_999_999L,
                _ => 2_000_000_000L + index,
            };
            finder.Add(ssid, index + 2);
        }

        var duplicates = finder.FindDuplicates();

        Assert.Equal(2, duplicates.Count);
        Assert.Equal([12, 150_002, 300_001], duplicates[1_000_000_001L]);
        Assert.Equal([70_002, 70_003], duplicates[9_999_999_999L]);
    }

    [Fact]
    public void FindDuplicates_NoRows_ReturnsEmpty()
    {
        var finder = new DuplicateSsidFinder("empty.txt");

        Assert.Empty(finder.FindDuplicates());
    }

    [Fact]
    public void Add_KeepsLargestSsidAndLine()
    {
        var finder = new DuplicateSsidFinder("edge.txt");
        finder.Add(9_999_999_999L, DuplicateSsidFinder.MaxLine);
        finder.Add(9_999_999_999L, 2);
        finder.Add(0L, DuplicateSsidFinder.MaxLine - 1);
        finder.Add(0L, 3);

        var duplicates = finder.FindDuplicates();

        Assert.Equal([2, DuplicateSsidFinder.MaxLine], duplicates[9_999_999_999L]);
        Assert.Equal([3, DuplicateSsidFinder.MaxLine - 1], duplicates[0L]);
    }

    [Fact]
    public void Add_LinePastLimit_ThrowsFormatError()
    {
        var finder = new DuplicateSsidFinder("huge.txt");

        var error = Assert.Throws<ImportFormatException>(() => finder.Add(1_000_000_001L, DuplicateSsidFinder.MaxLine + 1));

        Assert.Equal("huge.txt", error.File);
        Assert.Contains("1,073,741,823 lines", error.Message);
    }
}
