using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// Proves the host build's gate (DESIGN.md §4): each snippet below is valid C# that .NET 10
    /// compiles, but nanoFramework stable cannot run, and the gate (BannedSymbols.txt through
    /// BannedApiAnalyzers + Gateway.Analyzers) must report the expected id where the snippet marks
    /// it with [| |] (the diagnostic must overlap the marked text). A clean snippet using every allowed feature gets no diagnostic at all.
    /// </summary>
    public class GateTests
    {
        private const string Usings = "using System;\nusing System.Collections;\nusing System.Text;\nnamespace Snip\n{\n";

        public static IEnumerable<object[]> ForbiddenConstructs()
        {
            // Generic declarations (NF1001).
            yield return Row("generic class", "NF1001", "public class [|Box|]<T> { }");
            yield return Row("generic interface", "NF1001", "public interface [|IBox|]<T> { }");
            yield return Row("generic struct", "NF1001", "public struct [|Cell|]<T> { }");
            yield return Row("generic delegate", "NF1001", "public delegate T [|Maker|]<T>();");
            yield return Row("generic method", "NF1001", Member("public T [|Same|]<T>(T x) { return x; }"));
            yield return Row("generic local function", "NF1001", Member("public int F() { int [|L|]<T>(T x) { return 0; } return L(1); }"));

            // Generic uses (NF1002), written or implicit.
            yield return Row("List<T>", "NF1002", Member("public int F() { var l = new [|System.Collections.Generic.List<int>|](); return l.Count; }"));
            yield return Row("Dictionary<K,V> (banned namespace)", "RS0030", Member("public object F() { return new [|System.Collections.Generic|].Dictionary<int, int>(); }"));
            yield return Row("Array.Empty<T>()", "NF1002", Member("public byte[] F() { return Array.[|Empty<byte>|](); }"));
            yield return Row("inferred generic method", "NF1002", Member("public void F() { byte[] a = new byte[1]; Array.[|Resize|](ref a, 2); }"));
            yield return Row("typeof(List<>)", "NF1002", Member("public Type F() { return typeof([|System.Collections.Generic.List<>|]); }"));
            yield return Row("var of a generic framework type", "NF1002", Member("public int F() { [|var|] zones = TimeZoneInfo.GetSystemTimeZones(); return zones.Count; }"));
            yield return Row("lambda natural type Func<int>", "NF1002", Member("public int F() { var f = [|() => 1|]; return f(); }"));
            yield return Row("Func<T> (banned type)", "RS0030", Member("public int F() { Func<int> f = () => 1; return [|f()|]; }"));
            yield return Row("Action<T>", "NF1002", Member("public void F() { [|Action<int>|] a = x => { }; a(1); }"));
            yield return Row("implementing IEquatable<T>", "NF1002", "public class Eq : [|IEquatable<Eq>|] { public bool Equals(Eq other) { return false; } }");
            yield return Row("generic attribute", "NF1001", "public class [|GenAttribute|]<T> : Attribute { }");

            // default of a type parameter / of a generic type (NF1003, NF1002).
            yield return Row("default literal of T", "NF1003", Member("public T Make<T>() { return [|default|]; }"));
            yield return Row("default(T)", "NF1003", Member("public T Make<T>() { return [|default(T)|]; }"));
            yield return Row("default of a generic type", "NF1002", Member("public object F() { var kv = [|default(System.Collections.Generic.KeyValuePair<int, int>)|]; return kv.Key; }"));

            // Tuples (NF1004), int? (NF1005).
            yield return Row("tuple literal", "NF1004", Member("public int F() { var t = [|(1, 2)|]; return t.Item1; }"));
            yield return Row("tuple return type", "NF1004", Member("public [|(int, int)|] F() { return (1, 2); }"));
            yield return Row("deconstruction", "NF1004", Member("public int F() { var [|(a, b)|] = (1, 2); return a + b; }"));
            yield return Row("int?", "NF1005", Member("public [|int?|] F() { return null; }"));
            yield return Row("Nullable<int> written out", "NF1005", Member("public object F() { [|Nullable<int>|] x = 1; return x; }"));
            yield return Row("Nullable helpers (banned type)", "RS0030", Member("public Type F() { return [|Nullable.GetUnderlyingType(typeof(int))|]; }"));
            yield return Row("implicit int? from ?.", "NF1005", Member("public int F(byte[] a) { var n = [|a?.Length|]; return n == null ? 0 : 1; }"));

            // async/await (NF1006), Task (RS0030).
            yield return Row("async method", "NF1006", Member("public [|async|] void F() { await System.Threading.Tasks.Task.Yield(); }"));
            yield return Row("await", "NF1006", Member("public async void F() { [|await|] System.Threading.Tasks.Task.Yield(); }"));
            yield return Row("Task (banned namespace)", "RS0030", Member("public object F() { return [|System.Threading.Tasks|].Task.CompletedTask; }"));

            // LINQ (NF1007 query syntax; RS0030 method syntax).
            yield return Row("LINQ query syntax", "NF1007", "using System.Linq;\n" + Member("public object F() { return [|from x in new int[] { 1 } select x|]; }"));
            yield return Row("LINQ method syntax", "RS0030", "public class C { public object F() { return System.Linq.Enumerable.[|Range|](0, 3); } }");

            yield return Row("dynamic", "NF1008", Member("public object F() { [|dynamic|] d = 1; return d; }"));
            yield return Row("multidimensional array", "NF1009", Member("public object F() { int[,] m = new int[|[2, 2]|]; return m; }"));
            yield return Row("stackalloc", "NF1010", Member("public int F() { Span<byte> s = [|stackalloc byte[4]|]; return s.Length; }"));
            yield return Row("ref struct declaration", "NF1011", "public ref struct [|Window|] { public int Start; }");
            yield return Row("Span<T>", "NF1011", Member("public int F() { [|Span<byte>|] s = new byte[4]; return s.Length; }"));
            yield return Row("UTF-8 literal (ReadOnlySpan<byte>)", "NF1011", Member("public int F() { var u = [|\"ab\"u8|]; return u.Length; }"));
            yield return Row("span overload picked by the host", "NF1011", Member("public bool F(byte[] b) { return BitConverter.[|TryWriteBytes|](b, 1); }"));
            yield return Row("record class", "NF1012", "public record [|Point|](int X, int Y);");
            yield return Row("record struct", "NF1012", "public record struct [|Size|](int W, int H);");
            yield return Row("params Span", "NF1013", Member("public int F(params ReadOnlySpan<int> [|xs|]) { return xs.Length; }"));
            yield return Row("params collection", "NF1013", Member("public int F(params System.Collections.Generic.List<int> [|xs|]) { return xs.Count; }"));

            // foreach (NF1014).
            yield return Row("foreach over IEnumerable<T>", "NF1014", Member("public int F(System.Collections.Generic.List<int> l) { int s = 0; [|foreach|] (int x in l) { s += x; } return s; }"));
            yield return Row("foreach over a struct enumerator", "NF1014", Bag + Member("public int F(Bag b) { int n = 0; [|foreach|] (object o in b) { n++; } return n; }"));
            yield return Row("foreach over a string", "NF1014", Member("public int F(string s) { int n = 0; [|foreach|] (char c in s) { n += c; } return n; }"));

            // Collection expressions (NF1015).
            yield return Row("collection expression to List<T>", "NF1015", Member("public object F() { System.Collections.Generic.List<int> l = [|[1, 2]|]; return l; }"));
            yield return Row("collection expression spread", "NF1015", Member("public int[] F(int[] a) { return [[|..a|], 2]; }"));

            yield return Row("unsafe method", "NF1016", Member("public [|unsafe|] void F() { }"));
            yield return Row("unsafe block", "NF1016", Member("public int F() { int x = 1; [|unsafe|] { int* p = &x; return *p; } }"));
            yield return Row("yield iterator", "NF1017", Member("public IEnumerable F() { [|yield return 1;|] }"));

            // Enums as text (NF1018 implicit; RS0030 ToString).
            yield return Row("enum in interpolation", "NF1018", Member("public string F() { return $\"day {[|DayOfWeek.Monday|]}\"; }"));
            yield return Row("enum in concatenation", "NF1018", Member("public string F() { return \"day \" + [|DayOfWeek.Monday|]; }"));
            yield return Row("enum to StringBuilder.Append(object)", "NF1018", Member("public string F() { return new StringBuilder().Append([|DayOfWeek.Monday|]).ToString(); }"));
            yield return Row("Enum.ToString()", "RS0030", Member("public string F() { return DayOfWeek.Monday.[|ToString|](); }"));

            yield return Row("index from end", "NF1019", Member("public int F(int[] a) { return a[[|^1|]]; }"));
            yield return Row("range", "NF1019", Member("public int[] F(int[] a) { return a[[|1..2|]]; }"));
            yield return Row("anonymous type", "NF1020", Member("public object F() { return [|new { A = 1 }|]; }"));
            yield return Row("static abstract interface member", "NF1021", "public interface IZero { [|static abstract int Zero();|] }");
            yield return Row("required member", "NF1021", "public class Q { public [|required|] int A { get; set; } }");

            // BannedSymbols.txt: members nanoFramework lacks (DESIGN.md §4) and design rules (§3).
            yield return Row("DateTime.Now", "RS0030", Member("public DateTime F() { return DateTime.[|Now|]; }"));
            yield return Row("WaitHandle.WaitOne(int)", "RS0030", Member("public bool F(System.Threading.ManualResetEvent e) { return [|e.WaitOne(5)|]; }"));
            yield return Row("WaitHandle.WaitOne(TimeSpan)", "RS0030", Member("public bool F(System.Threading.ManualResetEvent e) { return [|e.WaitOne(TimeSpan.Zero)|]; }"));
            yield return Row("Monitor.Wait", "RS0030", Member("public void F() { [|System.Threading.Monitor.Wait(this)|]; }"));
            yield return Row("Monitor.Pulse", "RS0030", Member("public void F() { [|System.Threading.Monitor.Pulse(this)|]; }"));
            yield return Row("Math.BigMul", "RS0030", Member("public long F() { return [|Math.BigMul(2, 3)|]; }"));
            yield return Row("BigInteger", "RS0030", Member("public object F() { return [|System.Numerics|].BigInteger.One; }"));
            yield return Row("BitOperations", "RS0030", Member("public int F() { return [|System.Numerics|].BitOperations.PopCount(3u); }"));
            yield return Row("System.Buffers", "RS0030", Member("public object F() { return [|System.Buffers|].ArrayPool<byte>.Shared; }"));
            yield return Row("Enum.GetValues", "RS0030", Member("public Array F() { return [|Enum.GetValues(typeof(DayOfWeek))|]; }"));
            yield return Row("Enum.IsDefined", "RS0030", Member("public bool F() { return [|Enum.IsDefined(typeof(DayOfWeek), 1)|]; }"));
            yield return Row("Buffer.BlockCopy", "RS0030", Member("public void F(byte[] a, byte[] b) { [|Buffer|].BlockCopy(a, 0, b, 0, 1); }"));
            yield return Row("string.Create", "RS0030", Member("public string F() { return [|string.Create(1, 0, (span, state) => { span[0] = 'a'; })|]; }"));
            yield return Row("ArgumentNullException.ThrowIfNull", "RS0030", Member("public void F(object o) { [|ArgumentNullException.ThrowIfNull(o)|]; }"));
            yield return Row("System.Threading.Lock", "RS0030", Member("private readonly System.Threading.Lock _gate = [|new System.Threading.Lock()|];"));
            yield return Row("DateTime.UtcNow (clock of its own)", "RS0030", Member("public DateTime F() { return DateTime.[|UtcNow|]; }"));
            yield return Row("Thread.Sleep (blocking)", "RS0030", Member("public void F() { [|System.Threading.Thread|].Sleep(1); }"));
            yield return Row("System.Random (randomness of its own)", "RS0030", Member("public int F() { return new [|Random|]().Next(); }"));
            yield return Row("Console (logging of its own)", "RS0030", Member("public void F() { [|Console|].WriteLine(\"x\"); }"));
            yield return Row(".NET crypto", "RS0030", Member("public object F() { return [|System.Security.Cryptography|].Aes.Create(); }"));
        }

        [Theory]
        [MemberData(nameof(ForbiddenConstructs))]
        public void Gate_RejectsConstructTheDeviceCannotRun(string construct, string expectedId, string source)
        {
            int markStart = source.IndexOf("[|", System.StringComparison.Ordinal);
            int markEnd = source.IndexOf("|]", System.StringComparison.Ordinal) - 2;
            Assert.True(markStart >= 0 && markEnd >= markStart, construct + ": the snippet must mark the expected location with [| |]");
            string code = source.Replace("[|", string.Empty).Replace("|]", string.Empty);

            Compilation compilation = InMemoryCompiler.CompileSnippet(code);
            Assert.Empty(InMemoryCompiler.Errors(compilation));

            ImmutableArray<Diagnostic> diagnostics = GateRules.Run(compilation);
            TextSpan marked = TextSpan.FromBounds(markStart, markEnd);
            bool found = diagnostics.Any(d => d.Id == expectedId && d.Location.SourceSpan.IntersectsWith(marked));
            Assert.True(
                found,
                construct + ": expected " + expectedId + " at offset " + markStart + " ('" + code.Substring(markStart, markEnd - markStart) + "'), got:\n"
                + string.Join("\n", diagnostics.Select(d => d.Id + " @" + d.Location.SourceSpan.Start + " " + d.GetMessage())));
        }

        [Fact]
        public void Gate_AcceptsEverythingTheDeviceSupports()
        {
            Compilation compilation = InMemoryCompiler.CompileSnippet(CleanSnippet);
            ImmutableArray<Diagnostic> diagnostics = GateRules.Run(compilation);
            // Warnings count too: the host build treats them as errors.
            Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        }

        [Fact]
        public void Gate_NfRulesAreErrorsAndBannedApisFailTheBuild()
        {
            Assert.All(
                new Gateway.Analyzers.NanoFrameworkSubsetAnalyzer().SupportedDiagnostics,
                d => Assert.Equal(DiagnosticSeverity.Error, d.DefaultSeverity));

            // RS0030 is a warning by default: only TreatWarningsAsErrors makes it fail the build.
            string props = File.ReadAllText(RepoPaths.CoreHostProps);
            Assert.Contains("<TreatWarningsAsErrors>true</TreatWarningsAsErrors>", props);
            Assert.Contains("<AdditionalFiles Include=\"$(MSBuildThisFileDirectory)BannedSymbols.txt\"", props);
            Assert.Contains("Gateway.Analyzers.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\"", props);

            // Every device assembly's host project imports the gate, and nothing overrides it.
            foreach (string nfproj in RepoPaths.CoreNfprojs)
            {
                string csproj = File.ReadAllText(Path.ChangeExtension(nfproj, ".csproj"));
                Assert.Contains("<Import Project=\"..\\Gateway.Core.Host.props\" />", csproj);
                Assert.DoesNotContain("TreatWarningsAsErrors", csproj);
                Assert.DoesNotContain("NoWarn", csproj);
            }
        }

        [Fact]
        public void Gate_BannedSymbolsListHasNoUnknownOrDuplicateEntries()
        {
            // RS0031 = duplicate entry; a malformed id would silently ban nothing, so every entry
            // must at least have a known prefix and a message.
            string[] entries = File.ReadAllLines(RepoPaths.BannedSymbolsFile)
                .Where(l => l.Length > 0 && !l.StartsWith("//", System.StringComparison.Ordinal))
                .ToArray();
            Assert.All(entries, e => Assert.Matches("^[TMPFEN]:[^;]+;.+$", e));
            Assert.Equal(entries.Length, entries.Select(e => e.Split(';')[0]).Distinct().Count());

            Compilation compilation = InMemoryCompiler.CompileSnippet("namespace Snip { public class Empty { } }");
            Assert.DoesNotContain(GateRules.Run(compilation), d => d.Id == "RS0031" || d.Id == "RS0035");
        }

        private const string Bag =
            "public class Bag { public Enumerator GetEnumerator() { return new Enumerator(); }\n"
            + "  public struct Enumerator { public bool MoveNext() { return false; } public object Current { get { return null; } } } }\n";

        private const string CleanSnippet = Usings + @"
    public delegate void Changed(object sender, int value);

    public enum Mode { Off = 0, On = 1 }

    public struct Pair { public int A; public int B; }

    public interface IShape { int Area(); }

    public sealed class Square : IShape
    {
        private readonly int _side;
        public Square(int side) { _side = side; }
        public int Area() => _side * _side;
    }

    public sealed class Items : IEnumerable
    {
        private readonly ArrayList _items = new ArrayList();
        public IEnumerator GetEnumerator() { return _items.GetEnumerator(); }
    }

    public class Clean
    {
        public event Changed OnChanged;

        public static string Name(Mode mode) => mode switch { Mode.Off => ""off"", Mode.On => ""on"", _ => ""mode"" + (int)mode };

        public bool TryFind(ArrayList list, object value, out int index)
        {
            index = list.IndexOf(value);
            return index >= 0;
        }

        public int Run(byte[] data, ref int counter)
        {
            Hashtable table = new Hashtable();
            table[""k""] = 1;
            Queue queue = new Queue();
            queue.Enqueue(data);
            Stack stack = new Stack();
            stack.Push(1);
            StringBuilder sb = new StringBuilder();
            sb.Append(""x="").Append(data.Length);
            sb.Append((int)Mode.On);
            byte[] utf8 = Encoding.UTF8.GetBytes(sb.ToString());
            string b64 = Convert.ToBase64String(utf8);
            byte[] le = BitConverter.GetBytes(42);
            int total = 0;
            foreach (byte b in data) { total += b; }
            ArrayList list = new ArrayList { 1, 2, 3 };
            foreach (object o in list) { total += (int)o; }
            foreach (object o in new Items()) { total++; }
            for (int i = 0; i < b64.Length; i++) { if (b64[i] == 'A') { total++; } }
            Action done = () => total++;
            done();
            object shape = new Square(3);
            if (shape is IShape s && s.Area() > 4) { total += s.Area(); }
            Pair p = new Pair { A = 1, B = 2 };
            int[][] jagged = new int[2][];
            jagged[0] = new int[] { 1 };
            byte[] copy = new byte[data.Length];
            Array.Copy(data, 0, copy, 0, data.Length);
            int[] arr = [1, 2, 3];
            string text = $""total={total} mode={Name(Mode.On)} pair={p.A} {(int)Mode.On}"";
            OnChanged?.Invoke(this, total);
            lock (table) { counter++; }
            new System.Threading.ManualResetEvent(false).WaitOne(10, false);
            return total + text.Length + le.Length + arr.Length + jagged.Length + queue.Count + stack.Count;
        }
    }
}";

        private static string Member(string member)
        {
            return "public class C\n{\n" + member + "\n}\n";
        }

        private static object[] Row(string construct, string expectedId, string declarations)
        {
            return new object[] { construct, expectedId, Usings + declarations + "\n}\n" };
        }
    }
}
