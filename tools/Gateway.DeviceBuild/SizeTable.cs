using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Gateway.DeviceBuild
{
    /// <summary>One of our assemblies in the size table.</summary>
    public sealed class SizeRow
    {
        public string Assembly { get; set; }

        /// <summary>String table bytes from nanoCLR's load report, or -1 when not loaded.</summary>
        public long Strings { get; set; } = -1;

        /// <summary>Byte code bytes from nanoCLR's load report, or -1 when not loaded.</summary>
        public long ByteCode { get; set; } = -1;

        /// <summary>Why a figure is missing, e.g. "mdp: String table overflow".</summary>
        public string Note { get; set; }
    }

    /// <summary>
    /// Per assembly, the .pe format allows 65,535 bytes of strings and 65,535 bytes of byte code
    /// (16-bit ids and offsets). The project keeps each below 75 % (49,151 bytes) so that an
    /// assembly has room to grow before the metadata processor rejects it. The .pe file's own size
    /// is not limited (a 136,500-byte .pe converts and loads), so the table does not show it; the
    /// image total and the boards' deployment partitions do. Pure: formats numbers.
    /// </summary>
    public static class SizeTable
    {
        public const long PeLimit = 65535;

        public const long Budget = 49151;

        public static bool OverBudget(SizeRow row)
        {
            return row.Strings > Budget || row.ByteCode > Budget;
        }

        /// <summary>The table, one line per row, then the totals; <paramref name="totals"/> are extra lines after it.</summary>
        public static List<string> Format(IReadOnlyList<SizeRow> rows, IEnumerable<string> totals)
        {
            int width = "assembly".Length;
            foreach (SizeRow row in rows)
            {
                width = Math.Max(width, row.Assembly.Length);
            }

            List<string> lines = new List<string>();
            lines.Add(("  " + "assembly".PadRight(width) + "  " + Header("strings") + "  " + Header("byte code")).TrimEnd());
            foreach (SizeRow row in rows)
            {
                StringBuilder line = new StringBuilder();
                line.Append("  ").Append(row.Assembly.PadRight(width));
                line.Append("  ").Append(Cell(row.Strings));
                line.Append("  ").Append(Cell(row.ByteCode));
                if (OverBudget(row))
                {
                    line.Append("  OVER BUDGET (").Append(Budget.ToString("N0", CultureInfo.InvariantCulture)).Append(" bytes = 75 %)");
                }

                if (!string.IsNullOrEmpty(row.Note))
                {
                    line.Append("  ").Append(row.Note);
                }

                lines.Add(line.ToString().TrimEnd());
            }

            lines.Add(string.Format(CultureInfo.InvariantCulture, "  (%: share of the .pe format's limit of {0:N0} bytes per table; budget: strings and byte code each <= {1:N0} bytes = 75 %, ! marks a figure over it)", PeLimit, Budget));
            lines.AddRange(totals);
            return lines;
        }

        private static string Header(string name)
        {
            return name.PadLeft(9) + "%".PadLeft(7) + " ";
        }

        private static string Cell(long value)
        {
            if (value < 0)
            {
                return "-".PadLeft(9) + new string(' ', 8);
            }

            string percent = (100.0 * value / PeLimit).ToString("0.0", CultureInfo.InvariantCulture);
            string mark = value > Budget ? "!" : " ";
            return value.ToString("N0", CultureInfo.InvariantCulture).PadLeft(9) + percent.PadLeft(7) + mark;
        }
    }
}
