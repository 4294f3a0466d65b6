using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// The allow-list (DESIGN.md §4): every framework symbol the core uses must be in the API
    /// lists (shared/reference/nanoframework-api) of the assemblies that Gateway.Core.nfproj
    /// references, with the same overload. Stronger than any ban list: it knows what the device
    /// has, not what we remembered to forbid. The lists stay in ../shared; without them these
    /// tests are skipped and say so.
    /// </summary>
    public class AllowListTests
    {
        private readonly ITestOutputHelper _output;

        public AllowListTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [SkippableFact]
        public void AllowList_CoreUsesOnlyTheDeviceApiOfItsReferences()
        {
            NfProject core = new NfProject(RepoPaths.CoreNfproj);
            DeviceApi api = LoadDeviceApi(core);
            Compilation compilation = InMemoryCompiler.CompileFiles("Gateway.Core", core.CompileFiles);
            Assert.Empty(InMemoryCompiler.Errors(compilation));

            DeviceApiChecker checker = new DeviceApiChecker(api, compilation);
            List<string> violations = checker.Run();
            _output.WriteLine(core.CompileFiles.Count + " files, " + checker.CheckedCount + " framework symbols checked against "
                + string.Join(", ", api.Sources) + " (" + api.TypeCount + " types, " + api.MemberCount + " members)");
            _output.WriteLine(string.Join("\n", checker.CheckedSymbols));
            Assert.True(checker.CheckedCount > 20, "the checker saw almost nothing; is it walking the sources?");
            Assert.True(violations.Count == 0, "Gateway.Core uses APIs that nanoFramework stable lacks:\n  " + string.Join("\n  ", violations));
        }

        [SkippableFact]
        public void AllowList_CatchesAWrongOverload_WaitOneInt()
        {
            DeviceApi api = LoadDeviceApi(new NfProject(RepoPaths.CoreNfproj));
            List<string> violations = Check(api, "public class C { public bool F() { return new System.Threading.ManualResetEvent(false).WaitOne(5); } }");

            Assert.Contains(violations, v => v.StartsWith("System.Threading.WaitHandle.WaitOne(Int32): not in the device's API", System.StringComparison.Ordinal)
                && v.Contains("WaitOne(Int32,Boolean)"));
        }

        [SkippableFact]
        public void AllowList_CatchesMissingTypesMembersAndSetters()
        {
            DeviceApi api = LoadDeviceApi(new NfProject(RepoPaths.CoreNfproj));
            List<string> violations = Check(api, @"
public class C
{
    public object F(System.Collections.ArrayList list, System.Exception e)
    {
        System.Text.StringBuilder sb = new System.Text.StringBuilder();
        list.Sort();                                     // no ArrayList.Sort on the device
        int m = System.Math.Max(1, 2);                   // System.Math is not in mscorlib 1.x
        decimal d = 1m;                                  // no System.Decimal in the lists
        using (System.Threading.ManualResetEvent h = new System.Threading.ManualResetEvent(false)) { } // WaitHandle is not IDisposable there
        return string.Format(""{0}"", m) + d + sb.ToString() + e.Message;
    }
}");
            Assert.Contains(violations, v => v.StartsWith("System.Collections.ArrayList.Sort(): not in the device's API", System.StringComparison.Ordinal));
            Assert.Contains(violations, v => v.StartsWith("System.Math: type not in the device's API", System.StringComparison.Ordinal));
            Assert.Contains(violations, v => v.StartsWith("System.Decimal: type not in the device's API", System.StringComparison.Ordinal));
            Assert.Contains(violations, v => v.StartsWith("System.String.Format(String,Object): not in the device's API", System.StringComparison.Ordinal));
            Assert.Contains(violations, v => v.StartsWith("System.Threading.ManualResetEvent is not IDisposable on the device", System.StringComparison.Ordinal));
        }

        [SkippableFact]
        public void AllowList_AcceptsWhatTheDeviceHas()
        {
            DeviceApi api = LoadDeviceApi(new NfProject(RepoPaths.CoreNfproj));
            List<string> violations = Check(api, @"
using System;
using System.Collections;
using System.Text;

public delegate void Changed(object sender, int value);

public sealed class Items : IEnumerable
{
    private readonly ArrayList _items = new ArrayList();
    public IEnumerator GetEnumerator() { return _items.GetEnumerator(); }
    public override string ToString() { return ""items""; }
}

public class Good : Exception
{
    public Good(string message) : base(message) { }

    public event Changed OnChanged;

    public int Run(byte[] data, string text)
    {
        bool signalled = new System.Threading.ManualResetEvent(false).WaitOne(5, false);
        Hashtable table = new Hashtable();
        table[""k""] = 1;
        Queue queue = new Queue();
        queue.Enqueue(data);
        StringBuilder sb = new StringBuilder();
        sb.Append(""x="").Append(data.Length);
        byte[] utf8 = Encoding.UTF8.GetBytes(sb.ToString());
        string b64 = Convert.ToBase64String(utf8);
        byte[] le = BitConverter.GetBytes(42);
        int total = string.IsNullOrEmpty(text) ? 0 : text.Length + text[0];
        ArrayList list = new ArrayList { 1, 2, 3 };
        foreach (object o in list) { total += (int)o; }
        foreach (object o in new Items()) { total++; }
        foreach (DictionaryEntry entry in table) { total += (int)entry.Value; }
        Action done = () => total++;
        done();
        byte[] copy = new byte[data.Length];
        Array.Copy(data, 0, copy, 0, data.Length);
        Array.Clear(copy, 0, copy.Length);
        OnChanged?.Invoke(this, total);
        lock (table) { total++; }
        string s = $""total={total} {b64} {signalled}"" + string.Empty;
        return total + s.Length + le.Length + queue.Count + Message.Length + (text == ""a"" ? 1 : 0);
    }
}");
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }

        [SkippableFact]
        public void AllowList_ReportsOverloadsOnlyTheHostHas_AndAcceptsTheirPortableForm()
        {
            // docs/BUILD.md, "host vs device overloads".
            DeviceApi api = LoadDeviceApi(new NfProject(RepoPaths.CoreNfproj));
            List<string> hostOnly = Check(api, "public class C { public int F(string s, byte[] a) { return s.Split(',').Length + System.Array.IndexOf(a, (byte)1) + System.Text.Encoding.UTF8.GetString(a).Length; } }");
            Assert.Contains(hostOnly, v => v.StartsWith("System.String.Split(Char,StringSplitOptions): not in the device's API", System.StringComparison.Ordinal));
            Assert.Contains(hostOnly, v => v.StartsWith("System.Array.IndexOf(", System.StringComparison.Ordinal) && v.Contains("generic method"));
            Assert.Contains(hostOnly, v => v.StartsWith("System.Text.Encoding.GetString(Byte[]): not in the device's API", System.StringComparison.Ordinal));

            List<string> portable = Check(api, "public class C { public int F(string s, byte[] a) { return s.Split(new char[] { ',' }).Length + System.Array.IndexOf((System.Array)a, (object)(byte)1) + System.Text.Encoding.UTF8.GetString(a, 0, a.Length).Length; } }");
            Assert.True(portable.Count == 0, string.Join("\n", portable));
        }

        [Fact]
        public void AllowList_NormalisesSignaturesButNotOverloads()
        {
            // Parameter names, defaults, params, nullable annotations, attributes, String vs string.
            DeviceApi api = DeviceApi.Parse(
                "fake",
                "System.Object : class",
                "System.Void : struct",
                "System.Int32 : struct",
                "System.Boolean : struct",
                "System.String : sealed class",
                "System.Char : struct",
                "Lib.Tool : static class",
                "Lib.Tool :: static String Join(string? separator, params Object[] values)",
                "Lib.Tool :: static void Log([CallerArgumentExpression(nameof(x))] string x = \"\", int level = 0)",
                "Lib.Tool :: static bool TryGet(string key, out int value)",
                "Lib.Tool :: static int Wait(int millisecondsTimeout, bool exitContext)",
                "Lib.Tool :: static System.Func<int> Maker()",
                "Lib.Tool :: static int Count { get; }",
                "Lib.Tool :: static int Limit { get; set; }");
            string tool = "namespace Lib { public static class Tool {"
                + " public static string Join(string s, params object[] v) { return s; }"
                + " public static void Log(string x = \"\", int level = 0) { }"
                + " public static bool TryGet(string key, out int value) { value = 0; return false; }"
                + " public static int Wait(int ms) { return 0; }"
                + " public static int Wait(int ms, bool exit) { return 0; }"
                + " public static System.Func<int> Maker() { return null; }"
                + " public static int Count { get; set; }"
                + " public static int Limit { get; set; } } }";

            List<string> good = CheckAgainstLibrary(api, tool, "public class C { public void F() { int v; Lib.Tool.Join(\"a\", 1, 2); Lib.Tool.Log(); Lib.Tool.TryGet(\"k\", out v); Lib.Tool.Wait(1, false); Lib.Tool.Limit = Lib.Tool.Count; } }");
            Assert.True(good.Count == 0, string.Join("\n", good));

            List<string> bad = CheckAgainstLibrary(api, tool, "public class C { public void F() { Lib.Tool.Wait(1); Lib.Tool.Maker(); Lib.Tool.Count = 2; } }");
            Assert.Contains(bad, v => v.StartsWith("Lib.Tool.Wait(Int32): not in the device's API; the device has Wait(Int32,Boolean)", System.StringComparison.Ordinal));
            Assert.Contains(bad, v => v.StartsWith("Lib.Tool.Maker(): not in the device's API", System.StringComparison.Ordinal)); // a line with a type parameter is unavailable
            Assert.Contains(bad, v => v.StartsWith("Lib.Tool.Count { set; }: the device's property has no public setter", System.StringComparison.Ordinal));
        }

        [Fact]
        public void AllowList_SaysWhereItLookedWhenTheListsAreAbsent()
        {
            string previous = System.Environment.GetEnvironmentVariable(RepoPaths.SharedDirVariable);
            try
            {
                System.Environment.SetEnvironmentVariable(RepoPaths.SharedDirVariable, "/nonexistent/shared");
                string looked;
                Assert.Null(RepoPaths.FindApiListFolder(out looked));
                Assert.Contains("/nonexistent/shared", looked);
            }
            finally
            {
                System.Environment.SetEnvironmentVariable(RepoPaths.SharedDirVariable, previous);
            }
        }

        internal static DeviceApi LoadDeviceApi(NfProject project)
        {
            string looked;
            string folder = RepoPaths.FindApiListFolder(out looked);
            Skip.If(
                folder == null,
                "SKIPPED: the nanoFramework API lists are missing (looked in " + looked + "). They stay outside the repository, in "
                + "../shared/reference/nanoframework-api next to it; set " + RepoPaths.SharedDirVariable + " to point elsewhere.");
            // Libraries only: the test project's nanoFramework.UnitTestLauncher.exe is the runner, not an API.
            return DeviceApi.Load(folder, project.References
                .Where(r => r.HintPath == null || !r.HintPath.EndsWith(".exe", System.StringComparison.OrdinalIgnoreCase))
                .Select(r => r.Name));
        }

        private static List<string> Check(DeviceApi api, string source)
        {
            Compilation compilation = InMemoryCompiler.CompileSnippet(source);
            Assert.Empty(InMemoryCompiler.Errors(compilation));
            return new DeviceApiChecker(api, compilation).Run();
        }

        private static List<string> CheckAgainstLibrary(DeviceApi api, string library, string source)
        {
            Compilation lib = InMemoryCompiler.Compile("Lib", new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(library, InMemoryCompiler.ParseOptions) });
            Assert.Empty(InMemoryCompiler.Errors(lib));
            System.IO.MemoryStream image = new System.IO.MemoryStream();
            Assert.True(lib.Emit(image).Success);
            Compilation compilation = InMemoryCompiler.CompileSnippet(source)
                .AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
            Assert.Empty(InMemoryCompiler.Errors(compilation));
            return new DeviceApiChecker(api, compilation).Run();
        }
    }
}
