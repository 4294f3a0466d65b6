using System;
using System.Buffers.Binary;
using FsCheck.Xunit;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Runtime
{
    /// <summary>
    /// DESIGN.md §8.2: every parser takes arbitrary bytes and answers with a typed error. Random
    /// windows and random read scripts drive ByteReader; the only exception allowed is
    /// ProtocolFormatException, and every value read is checked against
    /// System.Buffers.Binary.BinaryPrimitives over the same bytes.
    /// </summary>
    public class ByteReaderProperties
    {
        [Property(MaxTest = 1000)]
        public void RandomReadScriptsThrowOnlyProtocolFormatExceptionAndReadTheRightValues(byte[] data, byte windowStart, byte windowTrim, int[] script)
        {
            data ??= Array.Empty<byte>();
            script ??= Array.Empty<int>();
            int start = data.Length == 0 ? 0 : windowStart % (data.Length + 1);
            int count = Math.Max(0, data.Length - start - (windowTrim % 4));
            var reader = new ByteReader(data, start, count);
            int end = start + count;
            int pos = start;

            foreach (int step in script)
            {
                // Low bits pick the operation; the rest is a length that is usually small but can be
                // negative or huge (the raw int), which is where hand-written bounds checks break.
                int op = step & 0x0F;
                int length = (step & 0x10) != 0 ? step >> 5 : ((step >> 5) % 12) - 2;
                int before = reader.Position;
                try
                {
                    Run(reader, data, op, length, pos, end);
                }
                catch (ProtocolFormatException)
                {
                    Assert.Equal(before, reader.Position);
                    continue;
                }

                pos = reader.Position;
                Assert.InRange(pos, start, end);
                Assert.Equal(end - pos, reader.Remaining);
            }
        }

        [Property(MaxTest = 300)]
        public void ReadingExactlyTheWindowSucceedsAndOneMoreOctetIsAFormatError(byte[] data)
        {
            data ??= Array.Empty<byte>();
            var reader = new ByteReader(data);
            Assert.Equal(data, reader.ReadRemaining());
            reader.EnsureEnd();
            Assert.Throws<ProtocolFormatException>(() => reader.ReadByte());
        }

        /// <summary>
        /// Calls the reader first and only then evaluates the oracle over the window's remaining
        /// bytes: if the reader returns a value it had no right to (reading past the window), the
        /// oracle itself goes out of range and the property fails with that exception.
        /// </summary>
        private static void Run(ByteReader r, byte[] data, int op, int length, int pos, int end)
        {
            int remaining = end - pos;
            byte[] window = data.AsSpan(pos, remaining).ToArray();
            switch (op)
            {
                case 0:
                    byte b = r.ReadByte();
                    Assert.Equal(window[0], b);
                    break;
                case 1:
                    byte peek = r.PeekByte();
                    Assert.Equal(window[0], peek);
                    Assert.Equal(pos, r.Position);
                    break;
                case 2:
                    ushort be16 = r.ReadUInt16BigEndian();
                    Assert.Equal(BinaryPrimitives.ReadUInt16BigEndian(window), be16);
                    break;
                case 3:
                    ushort le16 = r.ReadUInt16LittleEndian();
                    Assert.Equal(BinaryPrimitives.ReadUInt16LittleEndian(window), le16);
                    break;
                case 4:
                    uint be24 = r.ReadUInt24BigEndian();
                    Assert.Equal((uint)((window[0] << 16) | (window[1] << 8) | window[2]), be24);
                    break;
                case 5:
                    uint be32 = r.ReadUInt32BigEndian();
                    Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(window), be32);
                    break;
                case 6:
                    uint le32 = r.ReadUInt32LittleEndian();
                    Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(window), le32);
                    break;
                case 7:
                    byte[] copy = r.ReadBytes(length);
                    Assert.Equal(window[..length], copy);
                    break;
                case 8:
                    var destination = new byte[Math.Max(0, Math.Min(length, 4096)) + 3];
                    r.ReadBytes(destination, 3, length);
                    Assert.Equal(window[..length], destination[3..]);
                    break;
                case 9:
                    r.Skip(length);
                    Assert.Equal(pos + length, r.Position);
                    break;
                case 10:
                    byte[] rest = r.ReadRemaining();
                    Assert.Equal(window, rest);
                    break;
                case 11:
                    r.EnsureEnd();
                    Assert.Equal(0, remaining);
                    break;
                default:
                    Assert.Equal(remaining == 0, r.IsEmpty);
                    break;
            }
        }
    }
}
