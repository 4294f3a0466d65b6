using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Cloud.Support
{
    /// <summary>In-memory IStorage for the cloud tests; survives a simulated reboot by being reused.</summary>
    public sealed class TestStorage : IStorage
    {
        private readonly Dictionary<string, byte[]> _blobs = new Dictionary<string, byte[]>();

        public int Writes { get; private set; }

        public bool FailWrites { get; set; }

        public bool TryRead(string name, out byte[] content)
        {
            if (_blobs.TryGetValue(name, out byte[] stored))
            {
                content = (byte[])stored.Clone();
                return true;
            }

            content = null;
            return false;
        }

        public void Write(string name, byte[] content)
        {
            if (FailWrites)
            {
                throw new System.IO.IOException("simulated flash failure");
            }

            Writes++;
            _blobs[name] = (byte[])content.Clone();
        }

        public void Delete(string name) => _blobs.Remove(name);

        public string[] List() => _blobs.Keys.ToArray();
    }
}
