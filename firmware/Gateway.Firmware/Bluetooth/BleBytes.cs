using System;
using nanoFramework.Device.Bluetooth;

namespace Gateway.Firmware.Bluetooth
{
    /// <summary>
    /// Bytes in and out of nanoFramework's Bluetooth <c>Buffer</c>, whose array is internal: the
    /// only public way out is <c>DataReader.ReadBytes</c> into an array of exactly the wanted
    /// length (nanoframework.md §1.6).
    /// </summary>
    public static class BleBytes
    {
        /// <summary>A new array with the buffer's content.</summary>
        public static byte[] ToArray(Buffer buffer)
        {
            if (buffer == null || buffer.Length == 0)
            {
                return new byte[0];
            }

            byte[] bytes = new byte[buffer.Length];
            DataReader.FromBuffer(buffer).ReadBytes(bytes);
            return bytes;
        }

        /// <summary>Reads the buffer into <paramref name="exactLength"/> (which must have the buffer's length).</summary>
        public static void Read(Buffer buffer, byte[] exactLength)
        {
            DataReader.FromBuffer(buffer).ReadBytes(exactLength);
        }

        /// <summary>A buffer over a copy of <paramref name="length"/> octets (Buffer(byte[]) wraps without copying).</summary>
        public static Buffer Copy(byte[] data, int offset, int length)
        {
            byte[] copy = new byte[length];
            Array.Copy(data, offset, copy, 0, length);
            return new Buffer(copy);
        }
    }
}
