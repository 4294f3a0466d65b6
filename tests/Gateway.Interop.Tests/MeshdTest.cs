using System;
using System.IO;
using Xunit.Abstractions;

namespace Gateway.Interop.Tests
{
    /// <summary>
    /// What every meshd test class shares: a short folder of its own under /tmp (Unix socket paths
    /// hold at most 107 octets, so not under a deep temp path), removed afterwards, and the output.
    /// </summary>
    public abstract class MeshdTest : IDisposable
    {
        protected static readonly TimeSpan Limit = TimeSpan.FromSeconds(150);

        protected MeshdTest(ITestOutputHelper output)
        {
            Output = output;
            Folder = Path.Combine("/tmp", "gwi-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(Folder);
        }

        protected ITestOutputHelper Output { get; }

        protected string Folder { get; }

        /// <summary>The gateway radio's socket path in this test's folder.</summary>
        protected string GatewaySocket => Path.Combine(Folder, "gw.sock");

        public void Dispose()
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // A socket still closing: the temp folder is cleaned later.
            }

            GC.SuppressFinalize(this);
        }
    }
}
