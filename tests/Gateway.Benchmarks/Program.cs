using BenchmarkDotNet.Running;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// Entry point: every benchmark class of this assembly (P256Benchmarks now; CMAC, CCM and others
    /// as they come) is selectable with BenchmarkDotNet's switches:
    /// <c>dotnet run -c Release --project tests/Gateway.Benchmarks -- --filter '*P256*' --job short</c>.
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }
    }
}
