using System.CommandLine;
using Gateway.Bench;

var rowsOption = new Option<int[]>("--rows")
{
    Description = "Data rows of each synthetic extract, smallest first; the ratios compare the last size with the first.",
    DefaultValueFactory = _ => [100_000, 1_200_000],
    AllowMultipleArgumentsPerToken = true,
};
var headerOption = new Option<string>("--header")
{
    Description = "File whose first line is the caret-separated extract header.",
    DefaultValueFactory = _ => SyntheticExtract.DefaultHeaderPath,
};
var folderOption = new Option<string?>("--folder")
{
    Description = "Folder for the generated extracts; default a new temporary folder, deleted at the end.",
};
var keepOption = new Option<bool>("--keep")
{
    Description = "Keep the generated extracts instead of deleting them.",
};
var seedOption = new Option<int>("--seed")
{
    Description = "Seed of the invented values; the same seed writes the same files.",
    DefaultValueFactory = _ => 20240614,
};
var sampleIntervalOption = new Option<int>("--sample-interval-ms")
{
    Description = "Milliseconds between memory samples, each of which forces a full garbage collection.",
    DefaultValueFactory = _ => 100,
};

var importMemory = new Command("import-memory", "Import synthetic ELPAC extracts of each size in a child process; print rows/s, peak memory and their ratios.")
{
    rowsOption, headerOption, folderOption, keepOption, seedOption, sampleIntervalOption,
};
importMemory.SetAction((parseResult, cancellationToken) => ImportMemoryBenchmark.RunAsync(
    new ImportMemoryBenchmark.Options(
        parseResult.GetValue(rowsOption)!,
        parseResult.GetValue(headerOption)!,
        parseResult.GetValue(folderOption),
        parseResult.GetValue(keepOption),
        parseResult.GetValue(seedOption),
        TimeSpan.FromMilliseconds(parseResult.GetValue(sampleIntervalOption))),
    cancellationToken));

var extractArgument = new Argument<string>("extract") { Description = "The extract file to import." };
var importMemoryChild = new Command(ImportMemoryBenchmark.ChildCommand, "Import one extract and print the figures as JSON (run by import-memory).")
{
    extractArgument, sampleIntervalOption,
};
importMemoryChild.Hidden = true;
importMemoryChild.SetAction((parseResult, cancellationToken) => Task.FromResult(ImportMemoryBenchmark.RunChild(
    parseResult.GetValue(extractArgument)!,
    TimeSpan.FromMilliseconds(parseResult.GetValue(sampleIntervalOption)),
    cancellationToken)));

var root = new RootCommand("Video SSR Gateway benchmarks. They print figures and ratios against a baseline measured in the same run; run them in Release.")
{
    importMemory,
    importMemoryChild,
};
return await root.Parse(args).InvokeAsync();
