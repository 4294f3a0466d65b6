using BenchmarkDotNet.Running;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// Entry point: every benchmark class of this assembly (P256Benchmarks, SymmetricBenchmarks,
    /// InterpreterWorkloadBenchmarks) is
    /// selectable with BenchmarkDotNet's switches; docs/BENCHMARKS.md comes from
    /// <c>dotnet run -c Release --project tests/Gateway.Benchmarks -- --filter '*' --job short</c>.
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }
    }
}
