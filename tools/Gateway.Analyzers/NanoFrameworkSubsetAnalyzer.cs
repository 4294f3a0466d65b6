using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gateway.Analyzers
{
    /// <summary>
    /// Rejects the C# that nanoFramework stable (1.x) cannot compile or run (DESIGN.md §4).
    /// One pass per syntax tree over every node, so that implicit uses (a `var` of a generic
    /// type, an inferred generic method, a lambda's natural Func type, a struct enumerator)
    /// are caught as well as the written ones.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NanoFrameworkSubsetAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            NfDiagnostics.GenericDeclaration,
            NfDiagnostics.GenericUse,
            NfDiagnostics.DefaultOfTypeParameter,
            NfDiagnostics.Tuple,
            NfDiagnostics.NullableValueType,
            NfDiagnostics.AsyncAwait,
            NfDiagnostics.LinqQuery,
            NfDiagnostics.Dynamic,
            NfDiagnostics.MultidimensionalArray,
            NfDiagnostics.StackAlloc,
            NfDiagnostics.RefStruct,
            NfDiagnostics.Record,
            NfDiagnostics.ParamsNotArray,
            NfDiagnostics.ForEachEnumerator,
            NfDiagnostics.CollectionExpression,
            NfDiagnostics.Unsafe,
            NfDiagnostics.Iterator,
            NfDiagnostics.EnumAsText,
            NfDiagnostics.IndexOrRange,
            NfDiagnostics.AnonymousType,
            NfDiagnostics.MissingRuntimeSupport);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSemanticModelAction(Analyze);
        }

        private static void Analyze(SemanticModelAnalysisContext context)
        {
            new SubsetWalker(context.SemanticModel, context.ReportDiagnostic, context.CancellationToken).Run();
        }
    }
}
