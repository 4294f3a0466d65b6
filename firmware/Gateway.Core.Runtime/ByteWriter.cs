using System;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Bounds-checked writer into a fixed window of a caller's byte array (pre-allocated per
    /// session, so encoding never allocates). Writing past the window throws
    /// <see cref="ProtocolFormatException"/>: an encoder asked to build a PDU larger than the
    /// bearer allows is a format error, not memory corruption.
    /// </summary>
    public sealed class ByteWriter
    {
        private byte[] _buffer;
        private int _start;
        private int _position;
        private int _end;

        public ByteWriter(int capacity)
            : this(new byte[capacity], 0, capacity)
        {
        }

        public ByteWriter(byte[] buffer, int offset, int count)
        {
            Reset(buffer, offset, count);
        }

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
            _start = offset;
            _position = offset;
            _end = offset + count;
        }

        /// <summary>Starts over in the same window.</summary>
        public void Clear()
        {
            _position = _start;
        }

        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Octets written so far.</summary>
        public int Length
        {
            get { return _position - _start; }
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

        private void Need(int count)
        {
            if (count < 0 || _end - _position < count)
            {
                throw new ProtocolFormatException("no room for " + count + " octets: " + (_end - _position) + " remain");
            }
        }

        public void WriteByte(byte value)
        {
            Need(1);
            _buffer[_position++] = value;
        }

        public void WriteUInt16BigEndian(ushort value)
        {
            Need(2);
            _buffer[_position] = (byte)(value >> 8);
            _buffer[_position + 1] = (byte)value;
            _position += 2;
        }

        public void WriteUInt16LittleEndian(ushort value)
        {
            Need(2);
            _buffer[_position] = (byte)value;
            _buffer[_position + 1] = (byte)(value >> 8);
            _position += 2;
        }

        public void WriteUInt24BigEndian(uint value)
        {
            Need(3);
            _buffer[_position] = (byte)(value >> 16);
            _buffer[_position + 1] = (byte)(value >> 8);
            _buffer[_position + 2] = (byte)value;
            _position += 3;
        }

        public void WriteUInt32BigEndian(uint value)
        {
            Need(4);
            _buffer[_position] = (byte)(value >> 24);
            _buffer[_position + 1] = (byte)(value >> 16);
            _buffer[_position + 2] = (byte)(value >> 8);
            _buffer[_position + 3] = (byte)value;
            _position += 4;
        }

        public void WriteUInt32LittleEndian(uint value)
        {
            Need(4);
            _buffer[_position] = (byte)value;
            _buffer[_position + 1] = (byte)(value >> 8);
            _buffer[_position + 2] = (byte)(value >> 16);
            _buffer[_position + 3] = (byte)(value >> 24);
            _position += 4;
        }

        public void WriteBytes(byte[] source)
        {
            if (source == null)
            {
                throw new ArgumentNullException("source");
            }

            WriteBytes(source, 0, source.Length);
        }

        public void WriteBytes(byte[] source, int offset, int count)
        {
            if (source == null || offset < 0 || count < 0 || offset > source.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            Need(count);
            Array.Copy(source, offset, _buffer, _position, count);
            _position += count;
        }

        /// <summary>A copy of what was written.</summary>
        public byte[] ToArray()
        {
            byte[] result = new byte[_position - _start];
            Array.Copy(_buffer, _start, result, 0, result.Length);
            return result;
        }
    }
}
