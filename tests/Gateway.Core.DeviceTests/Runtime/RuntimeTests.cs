using Gateway.Core.Runtime;
using nanoFramework.TestFramework;

namespace Gateway.Core.DeviceTests.Runtime
{
    /// <summary>
    /// The runtime helpers on the device itself: the same bounds, the same typed errors and the
    /// same deterministic sequence as on the host (the host twin of the expected values is
    /// tests/Gateway.Core.Tests/Build/DeviceTestVectorsTests.cs).
    /// </summary>
    [TestClass]
    public class RuntimeTests
    {
        [TestMethod]
        public static void ByteReader_ReadsBigAndLittleEndianFields()
        {
            ByteReader r = new ByteReader(Hex.Decode("0102030405060708090a0b"));
            Assert.AreEqual((ushort)0x0102, r.ReadUInt16BigEndian(), "#1");
            Assert.AreEqual((ushort)0x0403, r.ReadUInt16LittleEndian(), "#2");
            Assert.AreEqual(0x050607u, r.ReadUInt24BigEndian(), "#3");
            Assert.AreEqual(0x08090a0bu, r.ReadUInt32BigEndian(), "#4");
            Assert.IsTrue(r.IsEmpty, "#5");
            r.EnsureEnd();
        }

        [TestMethod]
        public static void ByteReader_ReadPastTheWindowIsAFormatErrorNotAnIndexError()
        {
            byte[] buffer = Hex.Decode("00112233");
            ByteReader r = new ByteReader(buffer, 1, 2);
            Assert.AreEqual((ushort)0x1122, r.ReadUInt16BigEndian(), "#6");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => r.ReadByte(), "#7");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => r.ReadBytes(-1), "#8");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => r.Skip(1), "#9");
        }

        [TestMethod]
        public static void ByteReader_TrailingOctetsAreAFormatError()
        {
            ByteReader r = new ByteReader(Hex.Decode("0001"));
            r.ReadByte();
            Assert.ThrowsException(typeof(ProtocolFormatException), () => r.EnsureEnd(), "#10");
        }

        [TestMethod]
        public static void ByteReader_WindowOutsideTheBufferIsRejected()
        {
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new ByteReader(new byte[4], 3, 2), "#11");
            Assert.ThrowsException(typeof(System.ArgumentNullException), () => new ByteReader(null, 0, 0), "#12");
        }

        [TestMethod]
        public static void ByteWriter_WritePastTheWindowIsAFormatError()
        {
            byte[] buffer = new byte[4];
            ByteWriter w = new ByteWriter(buffer, 1, 2);
            w.WriteUInt16BigEndian(0xA1B2);
            Assert.ThrowsException(typeof(ProtocolFormatException), () => w.WriteByte(0), "#13");
            CollectionAssert.AreEqual(new byte[] { 0x00, 0xA1, 0xB2, 0x00 }, buffer);
        }

        [TestMethod]
        public static void Hex_EncodesLowerCaseAndDecodesEitherCase()
        {
            Assert.AreEqual("00ff10ab", Hex.Encode(new byte[] { 0x00, 0xFF, 0x10, 0xAB }), "#14");
            CollectionAssert.AreEqual(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, Hex.Decode("DeadBEEF"));
            Assert.AreEqual(string.Empty, Hex.Encode(null), "#15");
        }

        [TestMethod]
        public static void Hex_OddLengthOrNonHexIsAFormatError()
        {
            Assert.ThrowsException(typeof(ProtocolFormatException), () => Hex.Decode("abc"), "#16");
            Assert.ThrowsException(typeof(ProtocolFormatException), () => Hex.Decode("zz"), "#17");
            byte[] result;
            Assert.IsFalse(Hex.TryDecode("0g", out result), "#18");
            Assert.IsNull(result, "#19");
        }

        [TestMethod]
        public static void SeededRandom_SameSeedSameSequence()
        {
            SeededRandom a = new SeededRandom(7);
            SeededRandom b = new SeededRandom(7);
            byte[] x = new byte[37];
            byte[] y = new byte[37];
            a.NextBytes(x, 0, x.Length);
            b.NextBytes(y, 0, y.Length);
            CollectionAssert.AreEqual(x, y);
            Assert.AreEqual(a.NextInt(1000), b.NextInt(1000), "#20");
        }

        [TestMethod]
        public static void SeededRandom_Seed42_MatchesTheHostSequence()
        {
            // xoshiro128** seeded by SplitMix64(42): the same values on the host (checked there
            // against an independent implementation) and on the device.
            SeededRandom r = new SeededRandom(42);
            Assert.AreEqual(0x69E85A2Au, r.NextUInt32(), "#21");
            Assert.AreEqual(0xF843FAD0u, r.NextUInt32(), "#22");

            byte[] bytes = new byte[8];
            new SeededRandom(42).NextBytes(bytes, 0, bytes.Length);
            Assert.AreEqual("2a5ae869d0fa43f8", Hex.Encode(bytes), "#23");
            Assert.AreEqual(0xDEC9045Du, new SeededRandom(0).NextUInt32(), "#24");
        }

        [TestMethod]
        public static void SeededRandom_RejectsAnEmptyRange()
        {
            SeededRandom r = new SeededRandom(1);
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => r.NextInt(0), "#25");
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => r.NextBytes(new byte[2], 1, 2), "#26");
        }
    }
}
