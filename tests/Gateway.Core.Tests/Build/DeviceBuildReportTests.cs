using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Gateway.DeviceBuild;
using Xunit;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// What tools/Gateway.DeviceBuild reads and reports (docs/BUILD.md, "The device build"):
    /// nanoCLR's load report, the launcher's verdicts, the size budget, MSBuild's and the metadata
    /// processor's output, the firmware image against the boards' deployment partitions. No toolchain needed.
    /// </summary>
    public class DeviceBuildReportTests
    {
        // ------------------------------------------------------------------ nanoCLR load report

        private const string LoadOutput = @".NET nanoFramework nanoCLR Linux v0.1.0
Loaded: /t/lib/mscorlib.pe
Loaded: /t/out/Gateway.Core.Camera.pe

Loading nanoCLR v1.16.0.0
...
Created EE.
Started Hardware.
Loading Assemblies.
   Assembly: Gateway.Core.Camera (0.0.0.0)   (388 RAM - 1736 ROM - 634 METADATA)

   AssemblyRef    =       32 bytes (       4 elements)
   Resources Data  =        0 bytes
   Strings         =      562 bytes
   Signatures      =      106 bytes
   ByteCode        =      409 bytes


   Assembly: mscorlib (1.17.11.0)   (3496 RAM - 32536 ROM - 19802 METADATA)

   Strings         =    19802 bytes
   ByteCode        =    12345 bytes


Loading Deployment Assemblies.
Resolving.

Total: (27232 RAM - 346780 ROM - 119331 METADATA)

   Strings         =    97254 bytes
   ByteCode        =   128138 bytes


Ready.
Test passed,Gateway.Core.DeviceTests.Crypto.Aes128Tests.FIPS197_AppendixB_CipherExample.0,13159
Done.
Exiting.";

        [Fact]
        public void LoadReport_ReadsEachAssemblysSizesAndNotTheTotals()
        {
            LoadReport report = LoadReport.Parse(Lines(LoadOutput));

            Assert.True(report.Ready);
            Assert.False(report.LinkFailure);
            Assert.Empty(report.Problems);
            Assert.Equal(new[] { "Gateway.Core.Camera", "mscorlib" }, report.Assemblies.Select(a => a.Name));
            LoadedAssembly camera = report.Find("Gateway.Core.Camera");
            Assert.Equal("0.0.0.0", camera.Version);
            Assert.Equal(1736, camera.Rom);
            Assert.Equal(562, camera.Strings);
            Assert.Equal(409, camera.ByteCode);
            Assert.Equal(19802, report.Find("mscorlib").Strings);
            Assert.Equal(12345, report.Find("mscorlib").ByteCode);
            Assert.Equal(3, report.ProgramOutput.Count);
        }

        [Fact]
        public void LoadReport_ALinkFailureNamesTheMissingAssembly()
        {
            string output = "Loading Assemblies.\r\n   Assembly: ZzFw (0.0.0.0)   (372 RAM - 752 ROM - 386 METADATA)\r\n\r\nLoading Deployment Assemblies.\r\nResolving.\r\n"
                + "Link failure: some assembly references cannot be resolved!!\r\n\r\n"
                + "Assembly: ZzFw (0.0.0.0) needs assembly 'nanoFramework.System.Text' (1.3.42.0)\r\nError: a3000000\r\nExiting.\r\n";

            LoadReport report = LoadReport.Parse(output.Split('\n'));

            Assert.False(report.Ready);
            Assert.True(report.LinkFailure);
            Assert.Contains("Assembly: ZzFw (0.0.0.0) needs assembly 'nanoFramework.System.Text' (1.3.42.0)", report.Problems);
            Assert.Single(report.Assemblies);
        }

        // ------------------------------------------------------------------ launcher verdicts

        [Fact]
        public void TestReport_CountsVerdictsAndKeepsTheOtherOutput()
        {
            TestReport report = TestReport.Parse(Lines(@"Test passed,N.C.A.0,13159
P-256 ECDH (incl. peer key check): 24 ms (24040 us), 1272 M + 1677 S
Test failed,N.C.B.0,Assert.AreEqual failed. Expected:<5>. Actual:<4>. a, b, c
Test skipped,N.C.C.0,needs a board
Test passed,N.C.D.1,41
Done.
Exiting."));

            Assert.Equal(new[] { "N.C.A.0", "N.C.D.1" }, report.Passed);
            Assert.Equal(new[] { "N.C.B.0,Assert.AreEqual failed. Expected:<5>. Actual:<4>. a, b, c" }, report.Failed);
            Assert.Single(report.Skipped);
            Assert.Equal(4, report.Total);
            Assert.Equal(13200, report.PassedTicks);
            Assert.Equal(new[] { "P-256 ECDH (incl. peer key check): 24 ms (24040 us), 1272 M + 1677 S" }, report.OtherOutput);
            Assert.True(report.Finished);
            Assert.Equal("device tests: 2 passed, 1 failed, 1 skipped", TestReport.SummaryLine(2, 1, 1));
        }

        [Fact]
        public void TestReport_WithoutDoneTheRunDidNotFinish()
        {
            Assert.False(TestReport.Parse(new[] { "Test passed,N.C.A.0,1" }).Finished);
        }

        // ------------------------------------------------------------------ budget, processor output

        [Theory]
        [InlineData(49151, 1000, false)]
        [InlineData(49152, 1000, true)]
        [InlineData(1000, 49152, true)]
        [InlineData(-1, -1, false)]
        public void SizeTable_TheBudgetIs75PercentOfEachTable(long strings, long byteCode, bool over)
        {
            SizeRow row = new SizeRow { Assembly = "A", Strings = strings, ByteCode = byteCode };

            Assert.Equal(over, SizeTable.OverBudget(row));
            string line = SizeTable.Format(new[] { row }, new string[0])[1];
            Assert.Equal(over, line.Contains("OVER BUDGET", StringComparison.Ordinal));
        }

        [Fact]
        public void SizeTable_ShowsTheTwoTablesAndTheirSharesNotThePeFile()
        {
            List<string> lines = SizeTable.Format(
                new[] { new SizeRow { Assembly = "Gateway.Core.Crypto", Strings = 8617, ByteCode = 19610 }, new SizeRow { Assembly = "Gateway.Core", Note = "no .pe: String table overflow" } },
                new[] { "  total" });

            Assert.Equal("  assembly               strings      %   byte code      %", lines[0]);
            Assert.Equal("  Gateway.Core.Crypto      8,617   13.1      19,610   29.9", lines[1]);
            Assert.EndsWith("no .pe: String table overflow", lines[2], StringComparison.Ordinal);
            Assert.Equal("  total", lines[lines.Count - 1]);
        }

        [Fact]
        public void BuildOutput_KeepsEachDiagnosticOnceAndCountsErrorsPerProject()
        {
            string[] lines =
            {
                "/r/firmware/Gateway.Firmware/Program.cs(12,13): error NF1002: 'System.Action<int>' is generic; nanoFramework stable has no generics [/r/artifacts/device/Gateway.Firmware/Gateway.Firmware.csproj]",
                "/r/firmware/Gateway.Firmware/Program.cs(12,13): error NF1002: 'System.Action<int>' is generic; nanoFramework stable has no generics [/r/artifacts/device/Gateway.Firmware/Gateway.Firmware.csproj]",
                "/r/firmware/Gateway.Core.Runtime/Log.cs(3,1): warning CS0168: The variable 'e' is declared but never used [/r/artifacts/device/Gateway.Core.Runtime/Gateway.Core.Runtime.csproj]",
                "  Determining projects to restore...",
            };

            BuildOutput output = BuildOutput.Parse(lines, path => path.Replace("/r/", string.Empty, StringComparison.Ordinal));

            Assert.Equal(new[] { "[Gateway.Firmware] firmware/Gateway.Firmware/Program.cs(12,13): error NF1002: 'System.Action<int>' is generic; nanoFramework stable has no generics" }, output.Errors);
            Assert.Equal(new[] { "firmware/Gateway.Core.Runtime/Log.cs(3,1): warning CS0168: The variable 'e' is declared but never used" }, output.Warnings);
            Assert.Equal(1, output.ErrorsOf("Gateway.Firmware"));
            Assert.Equal(0, output.ErrorsOf("Gateway.Core.Runtime"));
            Assert.Equal(1, output.CountCodes("NF"));
        }

        // ------------------------------------------------------------------ image against the boards' deployment partitions

        private const string S3Profile = @"{
  ""board"": ""ESP32-S3-DevKitC-1-N8R8"",
  ""suitable"": true,
  ""flashBytes"": 8388608,
  ""deploymentPartition"": { ""bytes"": 3145728, ""source"": ""partitions_nanoclr_8mb.csv: deploy, data 0x84, offset 0x1B0000, size 0x300000"", ""holds"": ""every managed assembly"" }
}";

        private const string WroverProfile = @"{ ""board"": ""ESP32-DevKitC-VE"", ""suitable"": true, ""deploymentPartition"": { ""bytes"": 1900544 } }";

        [Fact]
        public void BoardPartition_ReadsNameSizeAndSuitability()
        {
            BoardPartition board = BoardPartition.Parse("hardware/boards/s3.json", S3Profile);

            Assert.Equal("ESP32-S3-DevKitC-1-N8R8", board.Board);
            Assert.Equal(3145728, board.Bytes);
            Assert.True(board.Suitable);
            Assert.Equal("hardware/boards/s3.json", board.File);
            Assert.False(BoardPartition.Parse("x.json", @"{ ""board"": ""B"", ""deploymentPartition"": { ""bytes"": 1 } }").Suitable);
        }

        [Fact]
        public void BoardPartition_AProfileWithoutAPartitionHasNoLine()
        {
            Assert.Null(BoardPartition.Parse("hardware/boards/unsuitable-no-psram.json", @"{ ""boards"": [ { ""board"": ""ESP32-C3"" } ], ""suitable"": false, ""heapBudgetBytes"": 524288 }"));
        }

        [Theory]
        [InlineData(@"{ ""board"": ""B"", ""deploymentPartition"": { ""bytes"": ""3 MB"" } }")]
        [InlineData(@"{ ""board"": ""B"", ""deploymentPartition"": { ""bytes"": 0 } }")]
        [InlineData(@"{ ""board"": ""B"", ""deploymentPartition"": { ""source"": ""x"" } }")]
        [InlineData(@"{ ""board"": ""B"", ""deploymentPartition"": 3145728 }")]
        [InlineData(@"{ ""board"": ""B"", ")]
        public void BoardPartition_APartitionWithoutAPositiveSizeOrBrokenJsonIsAnErrorNamingTheFile(string json)
        {
            DeviceBuildException e = Assert.Throws<DeviceBuildException>(() => BoardPartition.Parse("hardware/boards/b.json", json));
            Assert.StartsWith("hardware/boards/b.json", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void BoardPartition_ShowsPartitionImageShareAndHeadroom()
        {
            BoardPartition[] boards = { BoardPartition.Parse("w.json", WroverProfile), BoardPartition.Parse("s3.json", S3Profile) };

            List<string> lines = BoardPartition.Format(550668, boards);

            Assert.Equal(
                new[]
                {
                    "  board ESP32-DevKitC-VE         deployment partition 1,900,544 bytes: image 550,668 bytes = 29.0 %, headroom 1,349,876 bytes",
                    "  board ESP32-S3-DevKitC-1-N8R8  deployment partition 3,145,728 bytes: image 550,668 bytes = 17.5 %, headroom 2,595,060 bytes",
                },
                lines);
            Assert.Empty(BoardPartition.TooSmall(550668, boards));
            Assert.Empty(BoardPartition.TooSmall(1900544, boards));
        }

        [Fact]
        public void BoardPartition_AnImageTooLargeForASuitableBoardFailsTheBuild()
        {
            BoardPartition wrover = BoardPartition.Parse("w.json", WroverProfile);
            BoardPartition s3 = BoardPartition.Parse("s3.json", S3Profile);
            BoardPartition unsuitable = new BoardPartition("Tiny", "t.json", 1000000, suitable: false);

            Assert.Equal(new[] { wrover }, BoardPartition.TooSmall(1900545, new[] { wrover, s3, unsuitable }));
            List<string> lines = BoardPartition.Format(1900545, new[] { wrover, unsuitable });
            Assert.EndsWith("image 1,900,545 bytes = 100.0 %, 1 bytes too large: DOES NOT FIT", lines[0], StringComparison.Ordinal);
            Assert.EndsWith("900,545 bytes too large: DOES NOT FIT (board not suitable)", lines[1], StringComparison.Ordinal);
        }

        [Fact]
        public void BoardPartition_TheRepositorysSuitableBoardsHaveTheirPartitions()
        {
            Dictionary<string, BoardPartition> boards = Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "hardware", "boards"), "*.json")
                .Select(f => BoardPartition.Parse(Path.GetFileName(f), File.ReadAllText(f)))
                .Where(b => b != null)
                .ToDictionary(b => b.File);

            Assert.Equal(3145728, boards["esp32-s3-devkitc-1-n8r8.json"].Bytes);
            Assert.Equal(1900544, boards["esp32-devkitc-ve-wrover.json"].Bytes);
            Assert.True(boards["esp32-s3-devkitc-1-n8r8.json"].Suitable);
            Assert.True(boards["esp32-devkitc-ve-wrover.json"].Suitable);
        }

        [Fact]
        public void MdpOutput_PicksTheOverflowLine()
        {
            string output = "nanoFramework MetadataProcessor Utility v\nCopyright (c) 2019\n\nException minimizing assembly.\n"
                + "Unhandled exception. System.InvalidOperationException: String table overflow in assembly 'Gateway.Core, Version=0.1.0.0'. Can't use so many strings.\n"
                + "   at nanoFramework.Tools.MetadataProcessor.nanoStringTable.GetOrCreateStringId(String str)\n";

            string line = MdpOutput.ErrorLine(output);

            Assert.Equal("System.InvalidOperationException: String table overflow in assembly 'Gateway.Core, Version=0.1.0.0'. Can't use so many strings.", line);
            Assert.Equal("String table overflow", MdpOutput.ShortReason(line));
            Assert.Equal("System.IO.FileNotFoundException: x", MdpOutput.ErrorLine("banner\nUnhandled exception. System.IO.FileNotFoundException: x\n   at Foo()\n"));
        }

        private static IEnumerable<string> Lines(string text)
        {
            return text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        }
    }
}
