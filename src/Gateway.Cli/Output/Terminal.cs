using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Gateway.Cli.Output;

/// <summary>Tables, JSON and progress bars written through a <see cref="CliContext"/>.</summary>
internal static class Terminal
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A Spectre console on standard output; plain text without colors when redirected.</summary>
    public static IAnsiConsole Create(CliContext context) => Create(context, context.Out);

    /// <summary>
    /// A Spectre console on standard error, where progress bars go so that output stays parseable.
    /// Only used when both streams are terminals, so it is interactive and ANSI-capable.
    /// </summary>
    public static IAnsiConsole CreateForProgress(CliContext context) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Yes,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Yes,
        Out = new AnsiConsoleOutput(context.Error),
    });

    public static async Task WriteJsonAsync(CliContext context, JsonNode node)
    {
        await context.Out.WriteLineAsync(node.ToJsonString(JsonOptions));
    }

    /// <summary>Adds a row of plain text cells, so that brackets in values are not read as markup.</summary>
    public static Table AddTextRow(this Table table, params string?[] cells) =>
        table.AddRow(cells.Select(cell => (IRenderable)new Text(cell ?? string.Empty)).ToArray());

    /// <summary>
    /// Runs <paramref name="body"/> with a progress bar on standard error that counts up to
    /// <paramref name="total"/>. When either output stream is redirected, no bar is drawn and the body gets null.
    /// </summary>
    public static async Task<T> RunWithProgressAsync<T>(CliContext context, string description, int total, Func<IProgress<int>?, Task<T>> body)
    {
        if (context.IsOutputRedirected || context.IsErrorRedirected)
        {
            return await body(null);
        }

        return await CreateForProgress(context).Progress()
            .AutoClear(true)
            .StartAsync(async progressContext =>
            {
                var task = progressContext.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total));
                var result = await body(new Progress<int>(done => task.Value = Math.Min(done, task.MaxValue)));
                task.Value = task.MaxValue;
                return result;
            });
    }

    private static IAnsiConsole Create(CliContext context, TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = context.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = context.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = context.IsOutputRedirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(writer),
        });
        if (context.IsOutputRedirected)
        {
            // A file has no width; a wide fixed one keeps table rows on one line.
            console.Profile.Width = 200;
        }

        return console;
    }
}
