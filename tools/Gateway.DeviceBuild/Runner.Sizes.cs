using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Gateway.DeviceBuild
{
    public sealed partial class Runner
    {
        // ------------------------------------------------------------------ 7. sizes, image against the boards

        private void PrintSizes()
        {
            Step("sizes: our assemblies against the .pe limits (65,535 bytes of strings, 65,535 of byte code)");
            List<SizeRow> rows = new List<SizeRow>();
            foreach (DeviceProject project in _projects)
            {
                SizeRow row = new SizeRow { Assembly = project.AssemblyName + (project.IsTest ? " (" + Path.GetFileName(project.Folder) + ")" : string.Empty) };
                if (project.State == ProjectState.Converted)
                {
                    if (_loaded.TryGetValue(project.AssemblyName + "|" + project.Pe, out LoadedAssembly loaded))
                    {
                        row.Strings = loaded.Strings;
                        row.ByteCode = loaded.ByteCode;
                    }
                    else
                    {
                        row.Note = project.IsTest && _options.NoTests ? "not loaded (--no-tests)" : "not loaded";
                    }
                }
                else
                {
                    row.Note = project.Note;
                }

                rows.Add(row);
                if (SizeTable.OverBudget(row))
                {
                    Problem(row.Assembly + " is over the budget of " + SizeTable.Budget.ToString("N0", CultureInfo.InvariantCulture) + " bytes (75 % of the .pe limit): strings "
                        + row.Strings.ToString("N0", CultureInfo.InvariantCulture) + ", byte code " + row.ByteCode.ToString("N0", CultureInfo.InvariantCulture) + "; split it (docs/BUILD.md)");
                }
            }

            List<BoardPartition> boards = _imageTotals.Exists(t => t.Exe != null) ? ReadBoards() : new List<BoardPartition>();
            List<string> totals = new List<string>();
            foreach (ImageTotal total in _imageTotals)
            {
                totals.Add(total.Line);
                if (total.Exe == null)
                {
                    continue;
                }

                totals.AddRange(BoardPartition.Format(total.Bytes, boards));
                foreach (BoardPartition board in BoardPartition.TooSmall(total.Bytes, boards))
                {
                    Problem("the firmware image of " + total.Exe + " (" + Bytes(total.Bytes) + " of .pe) does not fit the deployment partition of " + board.Board
                        + " (" + Bytes(board.Bytes) + ", " + board.File + "): " + Bytes(total.Bytes - board.Bytes) + " too large");
                }
            }

            foreach (string line in SizeTable.Format(rows, totals))
            {
                Console.WriteLine(line);
            }
        }

        /// <summary>The board profiles with a deployment partition (hardware/boards/*.json), in file name order.</summary>
        private List<BoardPartition> ReadBoards()
        {
            List<BoardPartition> boards = new List<BoardPartition>();
            string folder = Path.Combine(_options.RepoRoot, "hardware", "boards");
            if (!Directory.Exists(folder))
            {
                return boards;
            }

            string[] files = Directory.GetFiles(folder, "*.json");
            Array.Sort(files, StringComparer.Ordinal);
            foreach (string file in files)
            {
                try
                {
                    BoardPartition board = BoardPartition.Parse(Relative(file), File.ReadAllText(file));
                    if (board != null)
                    {
                        boards.Add(board);
                    }
                }
                catch (DeviceBuildException e)
                {
                    Problem(e.Message);
                }
            }

            return boards;
        }

        /// <summary>One image total below the size table; <see cref="Exe"/> is null for libraries no Exe loads.</summary>
        private sealed class ImageTotal
        {
            public ImageTotal(string line, string exe, long bytes)
            {
                Line = line;
                Exe = exe;
                Bytes = bytes;
            }

            public string Line { get; }

            public string Exe { get; }

            public long Bytes { get; }
        }
    }
}
