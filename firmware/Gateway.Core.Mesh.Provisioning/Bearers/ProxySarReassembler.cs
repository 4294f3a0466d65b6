using System;

namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// Reassembles Proxy PDUs into one message (MshPRT §6.3.2) in a buffer allocated once per
    /// connection. Strict, like Zephyr's <c>bt_mesh_proxy_msg_recv</c>: segments must come
    /// First, Continuation…, Last with one Message Type, never interleaved with another message;
    /// any violation drops the state and reports why. The 20 s SAR timer (MshPRT §6.3.2.2)
    /// belongs to the owner, which knows the scheduler: restart it while
    /// <see cref="IsInProgress"/>, disconnect when it fires.
    /// </summary>
    public sealed class ProxySarReassembler
    {
        private readonly byte[] _buffer;

        public ProxySarReassembler(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            _buffer = new byte[capacity];
        }

        /// <summary>A First segment was accepted and the Last has not arrived.</summary>
        public bool IsInProgress { get; private set; }

        /// <summary>Message Type of the message in progress or just completed.</summary>
        public int MessageType { get; private set; }

        /// <summary>The message data (octets 0 … Length−1) after <see cref="ProxySarResult.Complete"/>.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        public int Length { get; private set; }

        public int Capacity
        {
            get { return _buffer.Length; }
        }

        public void Reset()
        {
            IsInProgress = false;
            Length = 0;
        }

        /// <summary>Adds one Proxy PDU (header and data). Never throws for any bytes.</summary>
        public ProxySarResult Add(byte[] pdu, int offset, int count)
        {
            if (pdu == null || offset < 0 || count < 2 || offset > pdu.Length - count)
            {
                return Fail(ProxySarResult.Empty);
            }

            int sar = pdu[offset] >> 6;
            int type = pdu[offset] & 0x3F;
            int dataOffset = offset + 1;
            int dataCount = count - 1;
            switch (sar)
            {
                case ProxySar.SarComplete:
                case ProxySar.SarFirst:
                    if (IsInProgress)
                    {
                        return Fail(ProxySarResult.Interrupted);
                    }

                    Length = 0;
                    MessageType = type;
                    if (!Append(pdu, dataOffset, dataCount))
                    {
                        return Fail(ProxySarResult.TooLong);
                    }

                    IsInProgress = sar == ProxySar.SarFirst;
                    return IsInProgress ? ProxySarResult.InProgress : ProxySarResult.Complete;
                default:
                    if (!IsInProgress)
                    {
                        return Fail(ProxySarResult.UnexpectedSegment);
                    }

                    if (type != MessageType)
                    {
                        return Fail(ProxySarResult.MessageTypeMismatch);
                    }

                    if (!Append(pdu, dataOffset, dataCount))
                    {
                        return Fail(ProxySarResult.TooLong);
                    }

                    if (sar == ProxySar.SarLast)
                    {
                        IsInProgress = false;
                        return ProxySarResult.Complete;
                    }

                    return ProxySarResult.InProgress;
            }
        }

        private bool Append(byte[] data, int offset, int count)
        {
            if (count > _buffer.Length - Length)
            {
                return false;
            }

            Array.Copy(data, offset, _buffer, Length, count);
            Length += count;
            return true;
        }

        private ProxySarResult Fail(ProxySarResult result)
        {
            Reset();
            return result;
        }
    }
}
