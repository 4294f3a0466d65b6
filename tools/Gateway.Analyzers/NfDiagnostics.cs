using Microsoft.CodeAnalysis;

namespace Gateway.Analyzers
{
    /// <summary>
    /// The rules of the portable core (DESIGN.md §4, reference/nanoframework.md §6): one id per
    /// construct that nanoFramework stable (1.x) cannot compile or run. All are errors: the
    /// device build would fail, or worse, fail only at run time.
    /// </summary>
    public static class NfDiagnostics
    {
        public const string Category = "NanoFramework";

        public static readonly DiagnosticDescriptor GenericDeclaration = Rule(
            "NF1001",
            "Generic declaration",
            "'{0}' declares type parameters; nanoFramework stable has no generics");

        public static readonly DiagnosticDescriptor GenericUse = Rule(
            "NF1002",
            "Generic type or method used",
            "'{0}' is generic; nanoFramework stable has no generics (use arrays, ArrayList, Hashtable or a non-generic type)");

        public static readonly DiagnosticDescriptor DefaultOfTypeParameter = Rule(
            "NF1003",
            "default of a type parameter",
            "'default' of type parameter '{0}'; nanoFramework stable has no generics");

        public static readonly DiagnosticDescriptor Tuple = Rule(
            "NF1004",
            "Tuple",
            "Tuple '{0}': ValueTuple is generic and absent on nanoFramework stable; use out parameters or a small class");

        public static readonly DiagnosticDescriptor NullableValueType = Rule(
            "NF1005",
            "Nullable value type",
            "Nullable value type '{0}': Nullable<T> is absent on nanoFramework stable; use a Try...(out ...) method or a flag");

        public static readonly DiagnosticDescriptor AsyncAwait = Rule(
            "NF1006",
            "async/await",
            "'{0}': async/await needs Task, absent on nanoFramework stable; post work through IScheduler");

        public static readonly DiagnosticDescriptor LinqQuery = Rule(
            "NF1007",
            "LINQ query expression",
            "LINQ query expression: System.Linq is absent on nanoFramework stable; write the loop");

        public static readonly DiagnosticDescriptor Dynamic = Rule(
            "NF1008",
            "dynamic",
            "'{0}' uses dynamic, which nanoFramework stable does not support");

        public static readonly DiagnosticDescriptor MultidimensionalArray = Rule(
            "NF1009",
            "Multidimensional array",
            "Multidimensional array '{0}' is not supported on nanoFramework stable; use a jagged array or index arithmetic");

        public static readonly DiagnosticDescriptor StackAlloc = Rule(
            "NF1010",
            "stackalloc",
            "stackalloc is not supported on nanoFramework stable; use a pre-allocated byte[]");

        public static readonly DiagnosticDescriptor RefStruct = Rule(
            "NF1011",
            "ref struct or Span-like type",
            "'{0}' is a ref struct (Span-like); nanoFramework stable has no Span<T>: pass (byte[] buffer, int offset, int count)");

        public static readonly DiagnosticDescriptor Record = Rule(
            "NF1012",
            "Record",
            "Record '{0}': records need IEquatable<T>, absent on nanoFramework stable; write a class or struct");

        public static readonly DiagnosticDescriptor ParamsNotArray = Rule(
            "NF1013",
            "params of a non-array type",
            "params parameter '{0}' has type '{1}'; nanoFramework stable supports params arrays only");

        public static readonly DiagnosticDescriptor ForEachEnumerator = Rule(
            "NF1014",
            "foreach needs an enumerator the device lacks",
            "foreach over '{0}': {1}");

        public static readonly DiagnosticDescriptor CollectionExpression = Rule(
            "NF1015",
            "Collection expression not targeting an array",
            "Collection expression {0}; on nanoFramework stable use it only to build a one-dimensional array, without spreads");

        public static readonly DiagnosticDescriptor Unsafe = Rule(
            "NF1016",
            "unsafe code",
            "Unsafe code ('{0}') is not supported on nanoFramework stable");

        public static readonly DiagnosticDescriptor Iterator = Rule(
            "NF1017",
            "yield iterator",
            "'{0}': the compiler's iterator state machine implements IEnumerator<object>, absent on nanoFramework stable; write an IEnumerator class");

        public static readonly DiagnosticDescriptor EnumAsText = Rule(
            "NF1018",
            "Enum converted to text",
            "Enum '{0}' converted to text: nanoFramework prints the number, not the name; map the value to a string explicitly");

        public static readonly DiagnosticDescriptor IndexOrRange = Rule(
            "NF1019",
            "Index or range",
            "'{0}' needs System.Index/System.Range, absent on nanoFramework stable");

        public static readonly DiagnosticDescriptor AnonymousType = Rule(
            "NF1020",
            "Anonymous type",
            "Anonymous type: the compiler generates a generic class and nanoFramework stable has no generics; declare a class");

        public static readonly DiagnosticDescriptor MissingRuntimeSupport = Rule(
            "NF1021",
            "Feature needs runtime support the device lacks",
            "'{0}' needs runtime support that nanoFramework stable lacks ({1})");

        private static DiagnosticDescriptor Rule(string id, string title, string message)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                message,
                Category,
                DiagnosticSeverity.Error,
                isEnabledByDefault: true,
                description: "nanoFramework stable (1.x) cannot compile or run this; see docs/BUILD.md and DESIGN.md §4.");
        }
    }
}
