using System;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Bounds-checked reader over a window of a byte array. Every read checks the remaining
    /// length first and throws <see cref="ProtocolFormatException"/>; no codec indexes a raw
    /// array with a hand-computed offset. One instance can be reused with <see cref="Reset"/>
    /// so hot receive paths do not allocate.
    /// </summary>
    public sealed class ByteReader
    {
        private byte[] _buffer;
        private int _position;
        private int _end;

        public ByteReader(byte[] buffer)
        {
            Reset(buffer, 0, buffer == null ? 0 : buffer.Length);
        }

        public ByteReader(byte[] buffer, int offset, int count)
        {
            Reset(buffer, offset, count);
        }

        /// <summary>Points the reader at a new window without allocating.</summary>
        public void Reset(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            _buffer = buffer;
            _position = offset;
            _end = offset + count;
        }

        /// <summary>Absolute position in the underlying array.</summary>
        public int Position
        {
            get { return _position; }
        }

        public int Remaining
        {
            get { return _end - _position; }
        }

        public bool IsEmpty
        {
            get { return _position >= _end; }
        }

        public byte[] Buffer
        {
            get { return _buffer; }
        }

        private void Need(int count)
        {
            if (count < 0 || _end - _position < count)
            {
                throw new ProtocolFormatException("need " + count + " octets at offset " + _position + ", " + (_end - _position) + " remain");
            }
        }

        public byte ReadByte()
        {
            Need(1);
            return _buffer[_position++];
        }

        public byte PeekByte()
        {
            Need(1);
            return _buffer[_position];
        }

        public ushort ReadUInt16BigEndian()
        {
            Need(2);
            int v = (_buffer[_position] << 8) | _buffer[_position + 1];
            _position += 2;
            return (ushort)v;
        }

        public ushort ReadUInt16LittleEndian()
        {
            Need(2);
            int v = _buffer[_position] | (_buffer[_position + 1] << 8);
            _position += 2;
            return (ushort)v;
        }

        public uint ReadUInt24BigEndian()
        {
            Need(3);
            uint v = ((uint)_buffer[_position] << 16) | ((uint)_buffer[_position + 1] << 8) | _buffer[_position + 2];
            _position += 3;
            return v;
        }

        public uint ReadUInt32BigEndian()
        {
            Need(4);
            uint v = ((uint)_buffer[_position] << 24) | ((uint)_buffer[_position + 1] << 16)
                | ((uint)_buffer[_position + 2] << 8) | _buffer[_position + 3];
            _position += 4;
            return v;
        }

        public uint ReadUInt32LittleEndian()
        {
            Need(4);
            uint v = _buffer[_position] | ((uint)_buffer[_position + 1] << 8)
                | ((uint)_buffer[_position + 2] << 16) | ((uint)_buffer[_position + 3] << 24);
            _position += 4;
            return v;
        }

        /// <summary>Reads <paramref name="count"/> octets into a new array.</summary>
        public byte[] ReadBytes(int count)
        {
            Need(count);
            byte[] result = new byte[count];
            Array.Copy(_buffer, _position, result, 0, count);
            _position += count;
            return result;
        }

        /// <summary>Copies <paramref name="count"/> octets into a caller's buffer (no allocation).</summary>
        public void ReadBytes(byte[] destination, int destinationOffset, int count)
        {
            Need(count);
            if (destination == null || destinationOffset < 0 || destinationOffset > destination.Length - count)
            {
                throw new ArgumentOutOfRangeException("destinationOffset");
            }

            Array.Copy(_buffer, _position, destination, destinationOffset, count);
            _position += count;
        }

        /// <summary>Everything left, as a new array.</summary>
        public byte[] ReadRemaining()
        {
            return ReadBytes(Remaining);
        }

        public void Skip(int count)
        {
            Need(count);
            _position += count;
        }

        /// <summary>Throws unless the whole window was consumed (trailing octets are a format error).</summary>
        public void EnsureEnd()
        {
            if (_position != _end)
            {
                throw new ProtocolFormatException((_end - _position) + " unexpected trailing octets at offset " + _position);
            }
        }
    }
}
