using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// Compiles C# in memory the way the core's host projects do (C# 13, nullable off, a library)
    /// against the framework assemblies of the running test host.
    /// </summary>
    internal static class InMemoryCompiler
    {
        public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.CSharp13);

        private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences =
            new Lazy<ImmutableArray<MetadataReference>>(LoadFrameworkReferences);

        public static CSharpCompilation Compile(string assemblyName, IEnumerable<SyntaxTree> trees)
        {
            CSharpCompilationOptions options = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Disable,
                allowUnsafe: true);
            return CSharpCompilation.Create(assemblyName, trees, FrameworkReferences.Value, options);
        }

        public static CSharpCompilation CompileSnippet(string source)
        {
            return Compile("Snippet", new[] { CSharpSyntaxTree.ParseText(source, ParseOptions, "Snippet.cs") });
        }

        public static CSharpCompilation CompileFiles(string assemblyName, IEnumerable<string> paths)
        {
            return Compile(assemblyName, paths.Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), ParseOptions, p)));
        }

        /// <summary>Compiler errors, formatted; an empty list when the code compiles.</summary>
        public static List<string> Errors(Compilation compilation)
        {
            return compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => d.ToString())
                .ToList();
        }

        // Only the shared framework (System.*, mscorlib, netstandard): the test host's other
        // assemblies (xunit, Roslyn, ...) would add types the core cannot see.
        private static ImmutableArray<MetadataReference> LoadFrameworkReferences()
        {
            string frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location);
            string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
            return tpa.Split(Path.PathSeparator)
                .Where(p => p.Length > 0 && string.Equals(Path.GetDirectoryName(p), frameworkDir, StringComparison.Ordinal))
                .Where(p => !p.EndsWith(".Native.dll", StringComparison.OrdinalIgnoreCase))
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToImmutableArray();
        }
    }
}
