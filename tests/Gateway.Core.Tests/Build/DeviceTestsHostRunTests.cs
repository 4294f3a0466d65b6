using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// Runs tests/Gateway.Core.DeviceTests on the host: the same sources as
    /// <see cref="DeviceTestsCompileTests"/> compiles, with <see cref="HostTestFramework"/> instead
    /// of the throwing stubs, loaded into their own load context. The device still has to run them
    /// (its interpreter, its AES adapter, its heap); this catches a wrong expected value here.
    /// </summary>
    public class DeviceTestsHostRunTests
    {
        private readonly ITestOutputHelper _output;

        public DeviceTestsHostRunTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static IEnumerable<object[]> TestProjects()
        {
            return DeviceTestsRulesTests.TestProjects();
        }

        [SkippableTheory]
        [MemberData(nameof(TestProjects))]
        public void DeviceTests_PassWhenRunOnTheHost(string project)
        {
            NfProject tests = new NfProject(Path.Combine(RepoPaths.RepoRoot, project));
            string looked;
            string folder = RepoPaths.FindApiListFolder(out looked);
            Skip.If(folder == null, "SKIPPED: the nanoFramework API lists are missing (looked in " + looked + "); set " + RepoPaths.SharedDirVariable + ".");

            CSharpCompilation framework = InMemoryCompiler.Compile(
                "nanoFramework.TestFramework",
                new[] { CSharpSyntaxTree.ParseText(HostTestFramework.Generate(Path.Combine(folder, "nanoFramework.TestFramework.txt")), InMemoryCompiler.ParseOptions) });
            byte[] frameworkImage = Emit(framework);

            List<string> files = tests.CompileFiles.ToList();
            foreach (string reference in tests.ProjectReferences)
            {
                files.AddRange(new NfProject(reference).CompileFiles.Where(f => !f.EndsWith("AssemblyInfo.cs", StringComparison.Ordinal)));
            }

            byte[] testsImage = Emit(InMemoryCompiler.CompileFiles(Path.GetFileNameWithoutExtension(tests.Path), files)
                .AddReferences(MetadataReference.CreateFromImage(frameworkImage)));

            DeviceTestsLoadContext context = new DeviceTestsLoadContext();
            try
            {
                Assembly frameworkAssembly = context.LoadFramework(frameworkImage);
                Assembly testsAssembly = context.LoadFromStream(new MemoryStream(testsImage));
                List<string> failures = new List<string>();
                int run = RunAll(testsAssembly, failures);

                StringBuilder printed = (StringBuilder)frameworkAssembly.GetType(HostTestFramework.SupportType)
                    .GetField("Output").GetValue(null);
                _output.WriteLine(project + ": device tests run on the host: " + run + ", failed: " + failures.Count);
                _output.WriteLine(printed.ToString());

                Assert.True(run > 0, "no [TestMethod] found in the device tests");
                Assert.True(failures.Count == 0, "device tests that fail on the host:\n  " + string.Join("\n  ", failures));
            }
            finally
            {
                context.Unload();
            }
        }

        private static int RunAll(Assembly assembly, List<string> failures)
        {
            int run = 0;
            foreach (Type type in assembly.GetTypes().Where(t => Has(t, "TestClassAttribute")).OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                MethodInfo[] methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);
                object instance = type.IsAbstract ? null : Activator.CreateInstance(type);
                foreach (MethodInfo setup in methods.Where(m => Has(m, "SetupAttribute")))
                {
                    Invoke(type, setup, instance, null, failures);
                }

                foreach (MethodInfo method in methods.Where(m => Has(m, "TestMethodAttribute") || Has(m, "DataRowAttribute")))
                {
                    object[] rows = method.GetCustomAttributes().Where(a => a.GetType().Name == "DataRowAttribute").ToArray();
                    if (rows.Length == 0)
                    {
                        run++;
                        Invoke(type, method, instance, null, failures);
                        continue;
                    }

                    foreach (object row in rows)
                    {
                        run++;
                        Invoke(type, method, instance, (object[])row.GetType().GetProperty("MethodParameters").GetValue(row), failures);
                    }
                }

                foreach (MethodInfo cleanup in methods.Where(m => Has(m, "CleanupAttribute")))
                {
                    Invoke(type, cleanup, instance, null, failures);
                }
            }

            return run;
        }

        private static void Invoke(Type type, MethodInfo method, object instance, object[] arguments, List<string> failures)
        {
            try
            {
                method.Invoke(method.IsStatic ? null : instance, arguments);
            }
            catch (TargetInvocationException e) when (e.InnerException != null && e.InnerException.GetType().Name != "SkipTestException")
            {
                failures.Add(type.Name + "." + method.Name + ": " + e.InnerException.GetType().Name + ": " + e.InnerException.Message);
            }
            catch (TargetInvocationException)
            {
                // Assert.SkipTest: skipped, as on the device.
            }
        }

        private static bool Has(MemberInfo member, string attributeName)
        {
            return member.GetCustomAttributes(false).Any(a => a.GetType().Name == attributeName);
        }

        private static byte[] Emit(Compilation compilation)
        {
            MemoryStream image = new MemoryStream();
            EmitResult result = compilation.Emit(image);
            Assert.True(result.Success, compilation.AssemblyName + " does not compile:\n  "
                + string.Join("\n  ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            return image.ToArray();
        }

        /// <summary>Its own context, so the device tests' copy of the core never meets the test host's.</summary>
        private sealed class DeviceTestsLoadContext : AssemblyLoadContext
        {
            private Assembly _framework;

            public DeviceTestsLoadContext()
                : base("Gateway.Core.DeviceTests", isCollectible: true)
            {
            }

            public Assembly LoadFramework(byte[] image)
            {
                _framework = LoadFromStream(new MemoryStream(image));
                return _framework;
            }

            protected override Assembly Load(AssemblyName name)
            {
                return _framework != null && name.Name == _framework.GetName().Name ? _framework : null;
            }
        }
    }
}
