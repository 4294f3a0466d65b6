using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Runtime
{
    public class ByteReaderTests
    {
        [Fact]
        public void ReadsBigAndLittleEndianFields()
        {
            var r = new ByteReader(Hex.Decode("0102030405060708090a0b"));
            Assert.Equal(0x0102, r.ReadUInt16BigEndian());
            Assert.Equal(0x0403, r.ReadUInt16LittleEndian());
            Assert.Equal(0x050607u, r.ReadUInt24BigEndian());
            Assert.Equal(0x08090a0bu, r.ReadUInt32BigEndian());
            Assert.True(r.IsEmpty);
            r.EnsureEnd();
        }

        [Fact]
        public void ReadPastTheWindowIsAFormatErrorNotAnIndexError()
        {
            var buffer = Hex.Decode("00112233");
            var r = new ByteReader(buffer, 1, 2);
            Assert.Equal(0x1122, r.ReadUInt16BigEndian());
            Assert.Throws<ProtocolFormatException>(() => r.ReadByte());
            Assert.Throws<ProtocolFormatException>(() => r.ReadBytes(-1));
        }

        [Fact]
        public void TrailingOctetsAreRejectedByEnsureEnd()
        {
            var r = new ByteReader(new byte[] { 1, 2 });
            r.ReadByte();
            Assert.Throws<ProtocolFormatException>(() => r.EnsureEnd());
        }

        [Fact]
        public void WriterRefusesToOverflowItsWindow()
        {
            var w = new ByteWriter(3);
            w.WriteUInt16BigEndian(0xABCD);
            Assert.Throws<ProtocolFormatException>(() => w.WriteUInt16BigEndian(1));
            w.WriteByte(0xEF);
            Assert.Equal("abcdef", Hex.Encode(w.ToArray()));
        }
    }
}
