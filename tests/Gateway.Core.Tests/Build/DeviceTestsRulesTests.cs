using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// Rules of the device test project (tests/Gateway.Core.DeviceTests) that its real compile
    /// (tools/device-build.sh) does not state by itself: every Assert carries its own message, and
    /// the project references every core assembly and what they need. The sources are compiled
    /// here with the core's, against stubs of nanoFramework.TestFramework from its API list.
    /// </summary>
    public class DeviceTestsRulesTests
    {
        public static IEnumerable<object[]> TestProjects()
        {
            return RepoPaths.DeviceTestNfprojs.Select(p => new object[] { Path.GetRelativePath(RepoPaths.RepoRoot, p).Replace('\\', '/') });
        }

        /// <summary>
        /// On the device, nanoFramework.TestFramework fills an omitted assertion message with
        /// [CallerArgumentExpression]: the compiler then stores the source text of the asserted
        /// expression as a string in the test assembly, whose string table the .pe format limits to
        /// 64 KB (shared/nanoframework/README.md). Its API list does not carry the attribute, so the
        /// host stubs do not reproduce it; this test holds every Assert call to an explicit message
        /// (the device tests number them "#1", "#2", ... per file).
        /// </summary>
        [SkippableTheory]
        [MemberData(nameof(TestProjects))]
        public void DeviceTests_GiveEveryAssertAnExplicitMessage(string project)
        {
            NfProject tests = new NfProject(Path.Combine(RepoPaths.RepoRoot, project));
            string looked;
            Skip.If(RepoPaths.FindApiListFolder(out looked) == null, "SKIPPED: the nanoFramework API lists are missing (looked in " + looked + "); set " + RepoPaths.SharedDirVariable + ".");
            Compilation compilation = CompileWithTheCore(tests);
            HashSet<string> testFiles = new HashSet<string>(tests.CompileFiles, System.StringComparer.Ordinal);
            List<string> missing = new List<string>();
            foreach (SyntaxTree tree in compilation.SyntaxTrees.Where(t => testFiles.Contains(t.FilePath)))
            {
                SemanticModel model = compilation.GetSemanticModel(tree);
                foreach (InvocationExpressionSyntax call in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    IMethodSymbol method = model.GetSymbolInfo(call).Symbol as IMethodSymbol;
                    if (method == null || method.ContainingType.ToDisplayString() != "nanoFramework.TestFramework.Assert"
                        || !method.Parameters.Any(p => p.Name == "message"))
                    {
                        continue;
                    }

                    if (call.ArgumentList.Arguments.Count < method.Parameters.Length)
                    {
                        missing.Add(Path.GetFileName(tree.FilePath) + ":" + (call.GetLocation().GetLineSpan().StartLinePosition.Line + 1) + " " + method.Name);
                    }
                }
            }

            Assert.True(missing.Count == 0, "asserts without a message (on the device their source text becomes a string):\n  " + string.Join("\n  ", missing));
        }

        [Theory]
        [MemberData(nameof(TestProjects))]
        public void DeviceTests_ReferenceTheCoreProjectsAndTheTestFramework(string project)
        {
            NfProject tests = new NfProject(Path.Combine(RepoPaths.RepoRoot, project));
            Assert.Equal("NFUnitTest", tests.Property("AssemblyName"));
            Assert.Equal(RepoPaths.CoreNfprojs, tests.ProjectReferences.OrderBy(p => p, System.StringComparer.Ordinal).ToArray());
            Assert.Equal("true", tests.Property("IsTestProject"));
            Assert.Equal("UnitTest", tests.Property("TestProjectType"));
            Assert.Contains(tests.References, r => r.Name == "nanoFramework.TestFramework");
            Assert.Contains(tests.References, r => r.Name == "nanoFramework.UnitTestLauncher" && r.HintPath.EndsWith("nanoFramework.UnitTestLauncher.exe", System.StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(tests.Directory, "nano.runsettings")));

            // The test project deploys what the core needs: every assembly the core references.
            IEnumerable<string> coreReferences = RepoPaths.CoreNfprojs.SelectMany(p => new NfProject(p).References).Select(r => r.Include).Distinct();
            Assert.All(coreReferences, core => Assert.Contains(tests.References, r => r.Include == core));
        }

        /// <summary>The device tests compiled with the core's files against the host stand-in of nanoFramework.TestFramework generated from its list.</summary>
        private static Compilation CompileWithTheCore(NfProject tests)
        {
            string folder = RepoPaths.FindApiListFolder(out _);

            // nanoFramework.TestFramework from its list (with the host stand-in of Runtime.Native's GC.Run), as a separate (framework) assembly.
            CSharpCompilation stub = InMemoryCompiler.Compile(
                "nanoFramework.TestFramework",
                new[] { CSharpSyntaxTree.ParseText(HostTestFramework.Generate(Path.Combine(folder, "nanoFramework.TestFramework.txt")), InMemoryCompiler.ParseOptions) });
            Assert.Empty(InMemoryCompiler.Errors(stub));
            MemoryStream image = new MemoryStream();
            Assert.True(stub.Emit(image).Success);

            // The core comes in through the ProjectReference: compile its files with the tests.
            List<string> files = tests.CompileFiles.ToList();
            foreach (string reference in tests.ProjectReferences)
            {
                files.AddRange(new NfProject(reference).CompileFiles.Where(f => !f.EndsWith("AssemblyInfo.cs", System.StringComparison.Ordinal)));
            }

            Compilation compilation = InMemoryCompiler.CompileFiles(Path.GetFileNameWithoutExtension(tests.Path), files)
                .AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
            Assert.Empty(InMemoryCompiler.Errors(compilation));
            return compilation;
        }
    }
}
