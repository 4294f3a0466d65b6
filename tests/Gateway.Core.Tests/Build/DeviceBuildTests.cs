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
    }
}
