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
    DefaultValueFactory = _ => 200,
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
var warmUpOption = new Option<string>("--warm-up") { Description = "A small extract to import first, unmeasured.", Required = true };
var importMemoryChild = new Command(ImportMemoryBenchmark.ChildCommand, "Import one extract and print the figures as JSON (run by import-memory).")
{
    extractArgument, warmUpOption, sampleIntervalOption,
};
importMemoryChild.Hidden = true;
importMemoryChild.SetAction((parseResult, cancellationToken) => Task.FromResult(ImportMemoryBenchmark.RunChild(
    parseResult.GetValue(extractArgument)!,
    parseResult.GetValue(warmUpOption)!,
    TimeSpan.FromMilliseconds(parseResult.GetValue(sampleIntervalOption)),
    cancellationToken)));

var smallRosterOption = new Option<int>("--small")
{
    Description = "Students in the smaller roster, also used for the EF Core baseline.",
    DefaultValueFactory = _ => 10_000,
};
var largeRosterOption = new Option<int>("--large")
{
    Description = "Students in the larger roster, uploaded FULL and then again as DELTA.",
    DefaultValueFactory = _ => 100_000,
};
var extraRosterOption = new Option<int[]>("--also")
{
    Description = "Further roster sizes to upload FULL, each in its own child process, to see where memory levels off.",
    DefaultValueFactory = _ => [],
    AllowMultipleArgumentsPerToken = true,
};
var batchSizeOption = new Option<int>("--batch-size")
{
    Description = "Students per StudentBatch message.",
    DefaultValueFactory = _ => 500,
};

var rosterUpload = new Command("roster-upload", "Upload synthetic rosters to the real host in this process; print records/s, peak memory and ratios against an EF Core insert.")
{
    smallRosterOption, largeRosterOption, extraRosterOption, batchSizeOption, sampleIntervalOption,
};
rosterUpload.SetAction((parseResult, cancellationToken) => RosterUploadBenchmark.RunAsync(
    new RosterUploadBenchmark.Options(
        parseResult.GetValue(smallRosterOption),
        parseResult.GetValue(largeRosterOption),
        parseResult.GetValue(extraRosterOption)!,
        parseResult.GetValue(batchSizeOption),
        TimeSpan.FromMilliseconds(parseResult.GetValue(sampleIntervalOption))),
    cancellationToken));

var scenarioArgument = new Argument<RosterUploadBenchmark.Scenario>("scenario") { Description = "The scenario to run." };
var studentsOption = new Option<int>("--students") { Description = "Students to upload or insert.", Required = true };
var rosterUploadChild = new Command(RosterUploadBenchmark.ChildCommand, "Run one roster scenario and print the figures as JSON (run by roster-upload).")
{
    scenarioArgument, studentsOption, batchSizeOption, sampleIntervalOption,
};
rosterUploadChild.Hidden = true;
rosterUploadChild.SetAction((parseResult, cancellationToken) => RosterUploadBenchmark.RunChildAsync(
    parseResult.GetValue(scenarioArgument),
    parseResult.GetValue(studentsOption),
    parseResult.GetValue(batchSizeOption),
    TimeSpan.FromMilliseconds(parseResult.GetValue(sampleIntervalOption)),
    cancellationToken));

var root = new RootCommand("Video SSR Gateway benchmarks. They print figures and ratios against a baseline measured in the same run; run them in Release.")
{
    importMemory,
    importMemoryChild,
    rosterUpload,
    rosterUploadChild,
};
return await root.Parse(args).InvokeAsync();
