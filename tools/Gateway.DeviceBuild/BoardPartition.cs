using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Gateway.DeviceBuild
{
    /// <summary>
    /// A board profile's deployment partition (hardware/boards/*.json, "deploymentPartition"): the
    /// flash region that holds every managed assembly of the application, the nanoFramework
    /// libraries it loads and ours. The firmware image (the sum of those .pe files) must fit it.
    /// </summary>
    public sealed class BoardPartition
    {
        public BoardPartition(string board, string file, long bytes, bool suitable)
        {
            Board = board;
            File = file;
            Bytes = bytes;
            Suitable = suitable;
        }

        /// <summary>The profile's "board", e.g. "ESP32-S3-DevKitC-1-N8R8".</summary>
        public string Board { get; }

        /// <summary>The profile file, as shown (repository-relative).</summary>
        public string File { get; }

        /// <summary>"deploymentPartition": { "bytes": N }.</summary>
        public long Bytes { get; }

        /// <summary>"suitable": true. Only a suitable board fails the build when the image does not fit.</summary>
        public bool Suitable { get; }

        /// <summary>
        /// Reads one board profile. Null when it has no "deploymentPartition" (the list of unsuitable
        /// boards has none); a profile that is not JSON, or whose partition has no positive "bytes",
        /// is an error naming the file.
        /// </summary>
        public static BoardPartition Parse(string file, string json)
        {
            JsonDocumentOptions options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
            try
            {
                using JsonDocument document = JsonDocument.Parse(json, options);
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("deploymentPartition", out JsonElement partition))
                {
                    return null;
                }

                if (partition.ValueKind != JsonValueKind.Object
                    || !partition.TryGetProperty("bytes", out JsonElement bytes)
                    || bytes.ValueKind != JsonValueKind.Number
                    || !bytes.TryGetInt64(out long size)
                    || size <= 0)
                {
                    throw new DeviceBuildException(file + ": \"deploymentPartition\" needs \"bytes\", a positive whole number");
                }

                string board = root.TryGetProperty("board", out JsonElement name) && name.ValueKind == JsonValueKind.String ? name.GetString() : file;
                bool suitable = root.TryGetProperty("suitable", out JsonElement flag) && flag.ValueKind == JsonValueKind.True;
                return new BoardPartition(board, file, size, suitable);
            }
            catch (JsonException e)
            {
                throw new DeviceBuildException(file + " is not valid JSON: " + e.Message);
            }
        }

        /// <summary>Whether an image of <paramref name="imageBytes"/> fits the partition.</summary>
        public bool Fits(long imageBytes)
        {
            return imageBytes <= Bytes;
        }

        /// <summary>The boards marked suitable whose partition an image of <paramref name="imageBytes"/> does not fit: each fails the build.</summary>
        public static List<BoardPartition> TooSmall(long imageBytes, IEnumerable<BoardPartition> boards)
        {
            List<BoardPartition> result = new List<BoardPartition>();
            foreach (BoardPartition board in boards)
            {
                if (board.Suitable && !board.Fits(imageBytes))
                {
                    result.Add(board);
                }
            }

            return result;
        }

        /// <summary>
        /// One line per board, names aligned: partition, image, share, headroom (or how much too large).
        /// </summary>
        public static List<string> Format(long imageBytes, IReadOnlyList<BoardPartition> boards)
        {
            int width = 0;
            foreach (BoardPartition board in boards)
            {
                width = Math.Max(width, board.Board.Length);
            }

            List<string> lines = new List<string>();
            foreach (BoardPartition board in boards)
            {
                string share = (100.0 * imageBytes / board.Bytes).ToString("0.0", CultureInfo.InvariantCulture);
                string line = "  board " + board.Board.PadRight(width) + "  deployment partition " + Number(board.Bytes).PadLeft(9) + " bytes: image "
                    + Number(imageBytes) + " bytes = " + share.PadLeft(4) + " %, ";
                line += board.Fits(imageBytes)
                    ? "headroom " + Number(board.Bytes - imageBytes) + " bytes"
                    : Number(imageBytes - board.Bytes) + " bytes too large: DOES NOT FIT";
                if (!board.Suitable)
                {
                    line += " (board not suitable)";
                }

                lines.Add(line);
            }

            return lines;
        }

        private static string Number(long value)
        {
            return value.ToString("N0", CultureInfo.InvariantCulture);
        }
    }
}
