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
    /// The pure parts of tools/Gateway.DeviceBuild (docs/BUILD.md, "The device build"): reading an
    /// .nfproj, the build order, the version check, nanoCLR's load report and the launcher's verdicts,
    /// the size budget. No toolchain needed.
    /// </summary>
    public class DeviceBuildTests
    {
        private static readonly string Root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "repo"));

        private static readonly string ProjectPath = Path.Combine(Root, "firmware", "Gateway.Core.Crypto", "Gateway.Core.Crypto.nfproj");

        private const string CryptoNfproj = @"<?xml version=""1.0"" encoding=""utf-8""?>
<Project ToolsVersion=""Current"" DefaultTargets=""Build"" xmlns=""http://schemas.microsoft.com/developer/msbuild/2003"">
  <PropertyGroup>
    <Configuration Condition="" '$(Configuration)' == '' "">Debug</Configuration>
    <OutputType>Library</OutputType>
    <AssemblyName>Gateway.Core.Crypto</AssemblyName>
  </PropertyGroup>
  <PropertyGroup Condition="" '$(Configuration)|$(Platform)' == 'Debug|AnyCPU' "">
    <AssemblyName>NotThisOne</AssemblyName>
  </PropertyGroup>
  <PropertyGroup>
    <LangVersion>13.0</LangVersion>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include=""Crypto\AesCcm.cs"" />
    <Compile Include=""Crypto\Sub\P256Field.cs"" />
    <Compile Include=""..\Shared\Hex.cs"" />
  </ItemGroup>
  <ItemGroup>
    <Reference Include=""mscorlib, Version=1.17.11.0, Culture=neutral, PublicKeyToken=c07d481e9758c731"">
      <HintPath>..\..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll</HintPath>
    </Reference>
    <Reference Include=""System.Threading, Version=1.1.52.34401, Culture=neutral, PublicKeyToken=c07d481e9758c731"">
      <HintPath>..\..\packages\nanoFramework.System.Threading.1.1.52\lib\System.Threading.dll</HintPath>
    </Reference>
  </ItemGroup>
  <ItemGroup>
    <ProjectReference Include=""..\Gateway.Core.Runtime\Gateway.Core.Runtime.nfproj"">
      <Name>Gateway.Core.Runtime</Name>
    </ProjectReference>
  </ItemGroup>
</Project>";

        // ------------------------------------------------------------------ .nfproj

        [Fact]
        public void Nfproj_ReadsNameKindLanguageAndItsOwnCompileList()
        {
            NfprojFile project = NfprojFile.Parse(ProjectPath, CryptoNfproj);

            Assert.Equal("Gateway.Core.Crypto", project.AssemblyName);
            Assert.Equal("Library", project.OutputType);
            Assert.False(project.IsExe);
            Assert.False(project.IsTestProject);
            Assert.Equal("13.0", project.LangVersion);
            string folder = Path.GetDirectoryName(ProjectPath);
            Assert.Equal(
                new[]
                {
                    Path.Combine(folder, "Crypto", "AesCcm.cs"),
                    Path.Combine(folder, "Crypto", "Sub", "P256Field.cs"),
                    Path.Combine(Root, "firmware", "Shared", "Hex.cs"),
                },
                project.CompileFiles);
            Assert.Equal(new[] { Path.Combine(Root, "firmware", "Gateway.Core.Runtime", "Gateway.Core.Runtime.nfproj") }, project.ProjectReferences);
        }

        [Fact]
        public void Nfproj_ReferencesCarryNameVersionAndHintPath()
        {
            NfprojFile project = NfprojFile.Parse(ProjectPath, CryptoNfproj);

            Assert.Equal(new[] { "mscorlib", "System.Threading" }, project.References.Select(r => r.Name));
            Assert.Equal(new Version(1, 1, 52, 34401), project.References[1].Version);
            Assert.Equal(@"..\..\packages\nanoFramework.System.Threading.1.1.52\lib\System.Threading.dll", project.References[1].HintPath);
        }

        [Fact]
        public void Nfproj_DefaultsToTheFileNameAndALibrary()
        {
            NfprojFile project = NfprojFile.Parse(Path.Combine(Root, "tests", "T", "My.Tests.nfproj"), "<Project><ItemGroup><Compile Include=\"A.cs;B.cs\" /></ItemGroup></Project>");

            Assert.Equal("My.Tests", project.AssemblyName);
            Assert.Equal("Library", project.OutputType);
            Assert.Null(project.LangVersion);
            Assert.Equal(2, project.CompileFiles.Count);
        }

        [Fact]
        public void Nfproj_ATestFrameworkReferenceMakesATestProject()
        {
            NfprojFile project = NfprojFile.Parse(
                Path.Combine(Root, "tests", "T", "T.nfproj"),
                "<Project><ItemGroup><Reference Include=\"nanoFramework.TestFramework, Version=3.0.80.0\"><HintPath>..\\x.dll</HintPath></Reference>"
                + "<Reference Include=\"nanoFramework.UnitTestLauncher, Version=3.0.80.0\"><HintPath>..\\..\\packages\\nanoFramework.TestFramework.3.0.80\\lib\\nanoFramework.UnitTestLauncher.exe</HintPath></Reference></ItemGroup></Project>");

            Assert.True(project.IsTestProject);
            Assert.EndsWith(".exe", project.References[1].HintPath, StringComparison.Ordinal);
        }

        [Fact]
        public void Nfproj_AnExeIsAnExe()
        {
            NfprojFile project = NfprojFile.Parse(Path.Combine(Root, "firmware", "F", "F.nfproj"), "<Project><PropertyGroup><OutputType>Exe</OutputType><AssemblyName>$(MSBuildProjectName)</AssemblyName></PropertyGroup></Project>");

            Assert.True(project.IsExe);
            Assert.Equal("F", project.AssemblyName);
        }

        [Fact]
        public void Nfproj_APropertyItCannotEvaluateIsAnError()
        {
            DeviceBuildException e = Assert.Throws<DeviceBuildException>(() => NfprojFile.Parse(
                Path.Combine(Root, "firmware", "F", "F.nfproj"),
                "<Project><ItemGroup><Compile Include=\"$(SharedDir)\\A.cs\" /></ItemGroup></Project>"));
            Assert.Contains("$(SharedDir)", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Nfproj_TheRepositorysProjectsParse()
        {
            foreach (string path in NfProject.FindAll())
            {
                NfprojFile project = NfprojFile.Load(path);
                Assert.NotEmpty(project.CompileFiles);
                Assert.All(project.CompileFiles, f => Assert.True(File.Exists(f), f));
                Assert.Contains(project.References, r => r.Name == "mscorlib" && r.Version != null);
                if (project.IsTestProject)
                {
                    Assert.Equal("NFUnitTest", project.AssemblyName);
                }
            }

            Assert.Contains(NfProject.FindAll().Select(NfprojFile.Load), p => p.IsExe);
        }

        // ------------------------------------------------------------------ build order

        [Fact]
        public void BuildOrder_PutsDependenciesFirstAndKeepsTheInputOrderOtherwise()
        {
            Dictionary<string, string[]> graph = new Dictionary<string, string[]>
            {
                ["Tests"] = new[] { "Orchestration", "Crypto" },
                ["Orchestration"] = new[] { "Cloud", "Mesh" },
                ["Mesh"] = new[] { "Crypto", "Runtime" },
                ["Cloud"] = new[] { "Runtime" },
                ["Crypto"] = new[] { "Runtime" },
                ["Runtime"] = new string[0],
            };

            List<string> order = BuildOrder.Sort(graph.Keys, k => k, k => graph[k]);

            Assert.Equal(new[] { "Runtime", "Cloud", "Crypto", "Mesh", "Orchestration", "Tests" }, order);
        }

        [Fact]
        public void BuildOrder_ACycleIsAnErrorNamingTheProjectsOnIt()
        {
            Dictionary<string, string[]> graph = new Dictionary<string, string[]>
            {
                ["Runtime"] = new string[0],
                ["A"] = new[] { "Runtime", "B" },
                ["B"] = new[] { "C" },
                ["C"] = new[] { "A" },
            };

            DeviceBuildException e = Assert.Throws<DeviceBuildException>(() => BuildOrder.Sort(graph.Keys, k => k, k => graph[k]));
            Assert.Contains("A -> B -> C -> A", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Runtime ->", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void BuildOrder_AProjectThatReferencesItselfIsACycle()
        {
            DeviceBuildException e = Assert.Throws<DeviceBuildException>(() => BuildOrder.Sort(new[] { "A" }, k => k, k => new[] { "A" }));
            Assert.Contains("A -> A", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void BuildOrder_AnUnknownReferenceOrADuplicateNameIsAnError()
        {
            Assert.Contains("Missing", Assert.Throws<DeviceBuildException>(() => BuildOrder.Sort(new[] { "A" }, k => k, k => new[] { "Missing" })).Message, StringComparison.Ordinal);
            Assert.Contains("same name", Assert.Throws<DeviceBuildException>(() => BuildOrder.Sort(new[] { "A", "A" }, k => k, k => new string[0])).Message, StringComparison.Ordinal);
        }

        // ------------------------------------------------------------------ versions

        [Theory]
        [InlineData("1.1.52.34401", "1.1.52.0", true)]
        [InlineData("1.17.11.0", "1.17.11.0", true)]
        [InlineData("1.5.75.0", "1.5.76.0", false)]
        [InlineData("1.5.75.0", "1.6.75.0", false)]
        [InlineData("2.5.75.0", "1.5.75.0", false)]
        public void VersionCheck_ComparesMajorMinorBuild(string wanted, string available, bool ok)
        {
            string message = VersionCheck.Check("firmware/X/X.nfproj", "nanoFramework.System.Collections", Version.Parse(wanted), Version.Parse(available), "lib/nanoFramework.System.Collections.dll");

            Assert.Equal(ok, message == null);
            if (!ok)
            {
                Assert.Contains("firmware/X/X.nfproj references nanoFramework.System.Collections " + string.Join(".", wanted.Split('.').Take(3)), message, StringComparison.Ordinal);
                Assert.Contains("the toolchain has " + string.Join(".", available.Split('.').Take(3)), message, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void VersionCheck_AReferenceWithoutAVersionPasses()
        {
            Assert.Null(VersionCheck.Check("p", "a", null, new Version(1, 0, 0, 0), "lib/a.dll"));
        }

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

        // ------------------------------------------------------------------ toolchain, options, generated project

        [Fact]
        public void Toolchain_TheVariableWinsElseTheSharedFolderNextToTheRepository()
        {
            string repo = Path.Combine(Root, "work", "main");
            string shared = Path.GetFullPath(Path.Combine(repo, "..", "shared", "nanoframework"));
            string custom = Path.Combine(Root, "opt", "nf");
            HashSet<string> files = new HashSet<string> { Path.Combine(shared, "nf.props"), Path.Combine(custom, "nf.props") };

            Assert.Equal(custom, Toolchain.Locate(custom, repo, files.Contains, out _));
            Assert.Equal(shared, Toolchain.Locate(null, repo, files.Contains, out _));
            Assert.Null(Toolchain.Locate(string.Empty, repo, f => false, out string looked));
            Assert.Equal(shared, looked);
            Assert.Throws<DeviceBuildException>(() => Toolchain.Locate(custom, repo, f => false, out _));
        }

        [Theory]
        [InlineData("true", true)]
        [InlineData("TRUE", true)]
        [InlineData("1", true)]
        [InlineData("false", false)]
        [InlineData(null, false)]
        public void Options_CiTrueForbidsSkipping(string ci, bool expected)
        {
            Options options = Options.Parse(new[] { "--results", "r.txt", "--test-timeout", "30" }, name => name == "CI" ? ci : null);

            Assert.Equal(expected, options.Ci);
            Assert.Equal("r.txt", options.ResultsFile);
            Assert.Equal(30, options.TestTimeoutSeconds);
            Assert.Throws<UsageException>(() => Options.Parse(new[] { "--bogus" }, name => null));
        }

        [Fact]
        public void ProjectGenerator_ImportsNfPropsListsExactlyTheNfprojItemsAndRunsTheLanguageRules()
        {
            string text = ProjectGenerator.Generate(
                "firmware/Gateway.Core.Crypto/Gateway.Core.Crypto.nfproj",
                "/nf/nf.props",
                "Gateway.Core.Crypto",
                "Library",
                "13.0",
                new[] { "/r/Crypto/A.cs", "/r/Crypto/B;C.cs" },
                new[] { new KeyValuePair<string, string>("System.Threading", "/nf/lib/System.Threading.dll") },
                new[] { "../Gateway.Core.Runtime/Gateway.Core.Runtime.csproj" },
                new[] { "/r/tools/Gateway.Analyzers/bin/Release/netstandard2.0/Gateway.Analyzers.dll" });

            XDocument project = XDocument.Parse(text);
            Assert.Equal("Microsoft.NET.Sdk", (string)project.Root.Attribute("Sdk"));
            Assert.Equal("/nf/nf.props", (string)project.Root.Element("Import").Attribute("Project"));
            Assert.Equal(new[] { "/r/Crypto/A.cs", "/r/Crypto/B%3BC.cs" }, project.Descendants("Compile").Select(c => (string)c.Attribute("Include")));
            Assert.Equal("/nf/lib/System.Threading.dll", project.Descendants("Reference").Single().Element("HintPath").Value);
            Assert.Equal("../Gateway.Core.Runtime/Gateway.Core.Runtime.csproj", (string)project.Descendants("ProjectReference").Single().Attribute("Include"));
            Assert.Equal("13.0", project.Descendants("LangVersion").Single().Value);
            Assert.Equal("true", project.Descendants("DisableTransitiveProjectReferences").Single().Value);
            Assert.Equal("/r/tools/Gateway.Analyzers/bin/Release/netstandard2.0/Gateway.Analyzers.dll", (string)project.Descendants("Analyzer").Single().Attribute("Include"));
            Assert.Contains("AD0001", project.Descendants("WarningsAsErrors").Single().Value, StringComparison.Ordinal);
        }

        // ------------------------------------------------------------------ child processes (nanoCLR's exit status means nothing)

        [SkippableFact]
        public void ProcessRunner_StopsAtTheLineTheCallerWaitsFor()
        {
            Skip.If(OperatingSystem.IsWindows(), "uses /bin/sh");
            System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

            ProcessResult result = ProcessRunner.Run("/bin/sh", new[] { "-c", "echo Resolving.; echo Ready.; exec sleep 30" }, Path.GetTempPath(), TimeSpan.FromSeconds(60), line => line == "Ready.");

            Assert.True(result.Stopped);
            Assert.False(result.TimedOut);
            Assert.Equal(new[] { "Resolving.", "Ready." }, result.Lines);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), clock.Elapsed.ToString());
        }

        [SkippableFact]
        public void ProcessRunner_KillsAProcessThatOutlivesItsTimeLimit()
        {
            Skip.If(OperatingSystem.IsWindows(), "uses /bin/sh");

            ProcessResult result = ProcessRunner.Run("/bin/sh", new[] { "-c", "echo Test passed,A.0,1; exec sleep 30" }, Path.GetTempPath(), TimeSpan.FromSeconds(1), null);

            Assert.True(result.TimedOut);
            Assert.Equal(new[] { "Test passed,A.0,1" }, result.Lines);
        }

        private static IEnumerable<string> Lines(string text)
        {
            return text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        }
    }
}
