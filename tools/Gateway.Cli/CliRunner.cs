using System;
using System.CommandLine;
using System.Threading.Tasks;
using Spectre.Console;

namespace Gateway.Cli;

/// <summary>Runs the command tree; a mistake a person makes becomes one clear line and exit code 2, never a stack trace.</summary>
internal static class CliRunner
{
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        try
        {
            ParseResult parse = root.Parse(args);
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            Error(e.Message);
            return e.ExitCode;
        }
    }

    public static void Error(string message)
    {
        AnsiConsole.MarkupLine("[red]error:[/] " + Markup.Escape(message));
    }
}

/// <summary>An error to show as one line (bad input, unreachable broker, corrupt file).</summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = 2)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
