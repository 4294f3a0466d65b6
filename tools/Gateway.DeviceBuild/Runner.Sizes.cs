using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Gateway.DeviceBuild
{
    public sealed partial class Runner
    {
        // ------------------------------------------------------------------ 7. sizes

        private void PrintSizes()
        {
            Step("sizes: our assemblies against the .pe limits (65,535 bytes of strings, 65,535 of byte code)");
            List<SizeRow> rows = new List<SizeRow>();
            foreach (DeviceProject project in _projects)
            {
                SizeRow row = new SizeRow { Assembly = project.AssemblyName + (project.IsTest ? " (tests)" : string.Empty) };
                if (project.State == ProjectState.Converted)
                {
                    row.PeBytes = new FileInfo(project.Pe).Length;
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
                    Problem(project.AssemblyName + " is over the budget of " + SizeTable.Budget.ToString("N0", CultureInfo.InvariantCulture) + " bytes (75 % of the .pe limit): strings "
                        + row.Strings.ToString("N0", CultureInfo.InvariantCulture) + ", byte code " + row.ByteCode.ToString("N0", CultureInfo.InvariantCulture) + "; split it (docs/BUILD.md)");
                }
            }

            foreach (string line in SizeTable.Format(rows, _imageTotals))
            {
                Console.WriteLine(line);
            }
        }
    }
}
