using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using Gateway.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// The host build's gate, in memory: the BannedApiAnalyzers DLLs of the version that
    /// the core's host projects reference (from the NuGet packages folder), the core's own
    /// BannedSymbols.txt as an additional file, and the Gateway.Analyzers rules.
    /// </summary>
    internal static class GateRules
    {
        private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> Analyzers =
            new Lazy<ImmutableArray<DiagnosticAnalyzer>>(LoadAnalyzers);

        /// <summary>The BannedApiAnalyzers version that the core's host projects reference (firmware/Gateway.Core.Host.props).</summary>
        public static string BannedApiAnalyzersVersion
        {
            get
            {
                string csproj = File.ReadAllText(RepoPaths.CoreHostProps);
                Match m = Regex.Match(csproj, "Include=\"Microsoft.CodeAnalysis.BannedApiAnalyzers\"\\s+Version=\"([^\"]+)\"");
                if (!m.Success)
                {
                    throw new InvalidOperationException("Gateway.Core.Host.props does not reference Microsoft.CodeAnalysis.BannedApiAnalyzers");
                }

                return m.Groups[1].Value;
            }
        }

        public static ImmutableArray<DiagnosticAnalyzer> All
        {
            get { return Analyzers.Value; }
        }

        /// <summary>All diagnostics of the gate on <paramref name="compilation"/> (compiler warnings and errors included).</summary>
        public static ImmutableArray<Diagnostic> Run(Compilation compilation)
        {
            AdditionalText banned = new FileText(RepoPaths.BannedSymbolsFile);
            AnalyzerOptions options = new AnalyzerOptions(ImmutableArray.Create(banned));
            CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(All, options);
            return withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        private static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers()
        {
            string folder = Path.Combine(PackageRoot(), "microsoft.codeanalysis.bannedapianalyzers", BannedApiAnalyzersVersion, "analyzers", "dotnet", "cs");
            if (!Directory.Exists(folder))
            {
                throw new InvalidOperationException("BannedApiAnalyzers not restored at " + folder + " (run dotnet restore)");
            }

            ImmutableArray<DiagnosticAnalyzer>.Builder result = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            AssemblyLoader loader = new AssemblyLoader();
            foreach (string dll in Directory.GetFiles(folder, "*.dll"))
            {
                result.AddRange(new AnalyzerFileReference(dll, loader).GetAnalyzers(LanguageNames.CSharp));
            }

            if (!result.Any(a => a.SupportedDiagnostics.Any(d => d.Id == "RS0030")))
            {
                throw new InvalidOperationException("no RS0030 analyzer found in " + folder);
            }

            result.Add(new NanoFrameworkSubsetAnalyzer());
            return result.ToImmutable();
        }

        private static string PackageRoot()
        {
            string fromBuild = typeof(GateRules).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Where(a => a.Key == "NuGetPackageRoot").Select(a => a.Value).FirstOrDefault();
            if (!string.IsNullOrEmpty(fromBuild) && Directory.Exists(fromBuild))
            {
                return fromBuild;
            }

            string fromEnvironment = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return fromEnvironment;
            }

            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
        {
            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath)
            {
                return Assembly.LoadFrom(fullPath);
            }
        }

        private sealed class FileText : AdditionalText
        {
            private readonly string _path;

            public FileText(string path)
            {
                _path = path;
            }

            public override string Path
            {
                get { return _path; }
            }

            public override SourceText GetText(CancellationToken cancellationToken = default)
            {
                return SourceText.From(File.ReadAllText(_path));
            }
        }
    }
}
