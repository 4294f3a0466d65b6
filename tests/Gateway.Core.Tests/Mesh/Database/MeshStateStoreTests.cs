using Gateway.Core.Mesh.Database;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Database
{
    /// <summary>The IV Index and SEQ blobs beside the CDB (ble-mesh.md §4.8).</summary>
    public class MeshStateStoreTests
    {
        [Fact]
        public void IvBlob_HasTheDocumentedSixOctets()
        {
            var storage = new MemoryStorage();
            var state = new MeshStateStore(storage);
            Assert.False(state.TryLoadIvIndex(out uint _, out bool _));

            state.SaveIvIndex(0x12345678, true);

            storage.TryRead(MeshStateStore.IvBlobName, out byte[] blob);
            Assert.Equal(new byte[] { 0x01, 0x12, 0x34, 0x56, 0x78, 0x01 }, blob);
            Assert.True(new MeshStateStore(storage.Snapshot()).TryLoadIvIndex(out uint iv, out bool update));
            Assert.Equal(0x12345678u, iv);
            Assert.True(update);
        }

        [Fact]
        public void SeqBlob_HasTheDocumentedTenOctetsAndAppliesOnlyToItsAddressAndIvIndex()
        {
            var storage = new MemoryStorage();
            var state = new MeshStateStore(storage);
            Assert.Equal(0, state.ResumeSequence(0x0001, 0));

            state.SaveSequence(0x0B0C, 0x12345678, 0x3129AB);

            storage.TryRead(MeshStateStore.SeqBlobName, out byte[] blob);
            Assert.Equal(new byte[] { 0x01, 0x0B, 0x0C, 0x12, 0x34, 0x56, 0x78, 0x31, 0x29, 0xAB }, blob);
            Assert.Equal(0x3129AB, state.ResumeSequence(0x0B0C, 0x12345678));
            Assert.Equal(0, state.ResumeSequence(0x0B0D, 0x12345678)); // a new address has no replay entries
            Assert.Equal(0, state.ResumeSequence(0x0B0C, 0x12345679)); // SEQ restarts with a new IV Index
            Assert.Throws<System.ArgumentOutOfRangeException>(() => state.SaveSequence(0x0B0C, 0, MeshStateStore.MaxSequence + 1));
        }

        [Theory]
        [InlineData(MeshStateStore.IvBlobName, new byte[] { 0x02, 0, 0, 0, 0, 0 })]
        [InlineData(MeshStateStore.IvBlobName, new byte[] { 0x01, 0, 0, 0, 0 })]
        [InlineData(MeshStateStore.SeqBlobName, new byte[] { 0x01 })]
        [InlineData(MeshStateStore.SeqBlobName, new byte[] { })]
        public void UnknownFormat_IsATypedError(string name, byte[] content)
        {
            var storage = new MemoryStorage();
            storage.Write(name, content);
            var state = new MeshStateStore(storage);
            Assert.Throws<ProtocolFormatException>(() =>
            {
                state.TryLoadIvIndex(out uint _, out bool _);
                state.TryLoadSequence(out int _, out uint _, out int _);
            });
        }
    }
}
