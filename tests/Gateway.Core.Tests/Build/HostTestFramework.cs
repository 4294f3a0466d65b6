using System;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// A runnable stand-in for nanoFramework.TestFramework (and the device tests' one member of
    /// nanoFramework.Runtime.Native, <c>GC.Run</c>) on the host: the members of its API list
    /// (<see cref="ListStubGenerator"/>) with bodies for the assertions and the output helper, so the
    /// device tests can run here and a mistyped expected value fails on the build machine instead of
    /// on a board. The semantics are the device library's or stricter: AreEqual compares with Equals,
    /// arrays element by element; ThrowsException wants exactly the given type. Members without a body here keep
    /// throwing <see cref="NotImplementedException"/>, so a test that uses one fails visibly.
    /// </summary>
    internal static class HostTestFramework
    {
        /// <summary>The public helper the bodies call; not in the device's list, so the compile check rejects any use of it by a test.</summary>
        public const string SupportType = "nanoFramework.TestFramework.HostRunSupport";

        private const string Support = @"
namespace nanoFramework.TestFramework
{
    public static class HostRunSupport
    {
        public static readonly System.Text.StringBuilder Output = new System.Text.StringBuilder();

        public static bool Same(object expected, object actual)
        {
            if (expected == null || actual == null)
            {
                return expected == null && actual == null;
            }

            System.Array a = expected as System.Array;
            System.Array b = actual as System.Array;
            return a != null && b != null ? SameSequence(a, b) : expected.Equals(actual);
        }

        public static bool SameSequence(System.Collections.ICollection expected, System.Collections.ICollection actual)
        {
            if (expected == null || actual == null)
            {
                return expected == null && actual == null;
            }

            if (expected.Count != actual.Count)
            {
                return false;
            }

            System.Collections.IEnumerator e = expected.GetEnumerator();
            System.Collections.IEnumerator f = actual.GetEnumerator();
            while (e.MoveNext() && f.MoveNext())
            {
                if (!Same(e.Current, f.Current))
                {
                    return false;
                }
            }

            return true;
        }

        public static void Check(bool condition, string message, string what, object expected, object actual)
        {
            if (!condition)
            {
                throw new HostAssertFailedException(what + ""(expected "" + Show(expected) + "", actual "" + Show(actual) + "") "" + message);
            }
        }

        public static void Throws(System.Type type, System.Action action, string message)
        {
            try
            {
                action();
            }
            catch (System.Exception e)
            {
                Check(e.GetType() == type, message, ""ThrowsException"", type, e.GetType() + "": "" + e.Message);
                return;
            }

            Check(false, message, ""ThrowsException"", type, ""no exception"");
        }

        private static string Show(object value)
        {
            if (value == null)
            {
                return ""null"";
            }

            System.Collections.ICollection c = value as System.Collections.ICollection;
            if (c == null)
            {
                return value.ToString();
            }

            System.Text.StringBuilder text = new System.Text.StringBuilder(""["");
            foreach (object item in c)
            {
                text.Append(text.Length > 1 ? "", "" : string.Empty).Append(item);
            }

            return text.Append(']').ToString();
        }
    }

    public class HostAssertFailedException : System.Exception
    {
        public HostAssertFailedException(string message)
            : base(message)
        {
        }
    }
}

namespace nanoFramework.Runtime.Native
{
    // The one member of nanoFramework.Runtime.Native the device tests use (the interpreter's heap
    // figures). The device returns the free managed heap after a collection; here the difference of
    // two calls is what .NET's whole process retained in between, other tests running alongside
    // included: indicative only (docs/BENCHMARKS.md takes .NET's memory from BenchmarkDotNet).
    public static class GC
    {
        private const long Heap = 1L << 31;

        public static uint Run(bool compactHeap)
        {
            return (uint)(Heap - System.GC.GetTotalMemory(true));
        }
    }
}
";

        public static string Generate(string listFile)
        {
            return ListStubGenerator.Generate(listFile, Body) + Support;
        }

        private static string Body(string type, string member)
        {
            int paren = member.IndexOf('(');
            if (paren < 0)
            {
                return null;
            }

            string head = member.Substring(0, paren);
            string name = head.Substring(head.LastIndexOf(' ') + 1);
            const string S = "HostRunSupport.";
            switch (type + "." + name)
            {
                case "nanoFramework.TestFramework.Assert.AreEqual":
                case "nanoFramework.TestFramework.Assert.Equal":
                    return S + "Check(" + S + "Same(expected, actual), message, \"" + name + "\", expected, actual);";
                case "nanoFramework.TestFramework.Assert.AreNotEqual":
                case "nanoFramework.TestFramework.Assert.NotEqual":
                    return S + "Check(!" + S + "Same(notExpected, actual), message, \"" + name + "\", notExpected, actual);";
                case "nanoFramework.TestFramework.Assert.AreSame":
                case "nanoFramework.TestFramework.Assert.Same":
                    return S + "Check(ReferenceEquals(expected, actual), message, \"" + name + "\", expected, actual);";
                case "nanoFramework.TestFramework.Assert.IsTrue":
                case "nanoFramework.TestFramework.Assert.True":
                    return S + "Check(condition, message, \"" + name + "\", true, condition);";
                case "nanoFramework.TestFramework.Assert.IsFalse":
                case "nanoFramework.TestFramework.Assert.False":
                    return S + "Check(!condition, message, \"" + name + "\", false, condition);";
                case "nanoFramework.TestFramework.Assert.IsNull":
                case "nanoFramework.TestFramework.Assert.Null":
                    return S + "Check(value == null, message, \"" + name + "\", null, value);";
                case "nanoFramework.TestFramework.Assert.IsNotNull":
                case "nanoFramework.TestFramework.Assert.NotNull":
                    return S + "Check(value != null, message, \"" + name + "\", \"not null\", value);";
                case "nanoFramework.TestFramework.Assert.Contains":
                    return S + "Check(value != null && value.Contains(expected), message, \"" + name + "\", expected, value);";
                case "nanoFramework.TestFramework.Assert.DoesNotContains":
                    return S + "Check(value == null || !value.Contains(notExpected), message, \"" + name + "\", notExpected, value);";
                case "nanoFramework.TestFramework.Assert.StartsWith":
                    return S + "Check(value != null && value.StartsWith(expected), message, \"" + name + "\", expected, value);";
                case "nanoFramework.TestFramework.Assert.EndsWith":
                    return S + "Check(value != null && value.EndsWith(expected), message, \"" + name + "\", expected, value);";
                case "nanoFramework.TestFramework.Assert.ThrowsException":
                    return S + "Throws(exception, action, message);";
                case "nanoFramework.TestFramework.Assert.Throws":
                    return S + "Throws(exceptionType, action, message);";
                case "nanoFramework.TestFramework.Assert.SkipTest":
                    return "throw new SkipTestException(message);";
                case "nanoFramework.TestFramework.CollectionAssert.AreEqual":
                    return S + "Check(" + S + "SameSequence(expected, actual), message, \"" + name + "\", expected, actual);";
                case "nanoFramework.TestFramework.CollectionAssert.AreNotEqual":
                    return S + "Check(!" + S + "SameSequence(notExpected, actual), message, \"" + name + "\", notExpected, actual);";
                case "nanoFramework.TestFramework.OutputHelper.Write":
                    return S + "Output.Append(message);";
                case "nanoFramework.TestFramework.OutputHelper.WriteLine":
                    return S + "Output.Append(message).Append('\\n');";
                case "nanoFramework.TestFramework.DataRowAttribute..ctor":
                    return "MethodParameters = methodParameters;";
                case "nanoFramework.TestFramework.TestExtensions.SequenceEqual":
                    return "return " + S + "SameSequence(a, b);";
                default:
                    return null;
            }
        }
    }
}
