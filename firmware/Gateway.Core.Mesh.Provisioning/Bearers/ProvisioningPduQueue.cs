using System;

namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// A small FIFO of outgoing Provisioning PDUs in buffers allocated once per link. The
    /// provisioner queues Start and its Public Key back to back (MshPRT §5.4.2.3), so a depth of
    /// two covers the protocol; the copy lets the caller reuse its buffer at once.
    /// </summary>
    internal sealed class ProvisioningPduQueue
    {
        private readonly byte[][] _slots;
        private readonly int[] _lengths;
        private int _head;
        private int _count;

        public ProvisioningPduQueue(int depth, int maxPduSize)
        {
            _slots = new byte[depth][];
            _lengths = new int[depth];
            for (int i = 0; i < depth; i++)
            {
                _slots[i] = new byte[maxPduSize];
            }
        }

        public int Count
        {
            get { return _count; }
        }

        public bool IsFull
        {
            get { return _count == _slots.Length; }
        }

        /// <summary>The oldest PDU's buffer (valid while <see cref="Count"/> &gt; 0).</summary>
        public byte[] PeekBuffer
        {
            get { return _slots[_head]; }
        }

        public int PeekLength
        {
            get { return _lengths[_head]; }
        }

        public void Enqueue(byte[] pdu, int offset, int count)
        {
            int tail = (_head + _count) % _slots.Length;
            Array.Copy(pdu, offset, _slots[tail], 0, count);
            _lengths[tail] = count;
            _count++;
        }

        public void Dequeue()
        {
            if (_count > 0)
            {
                _head = (_head + 1) % _slots.Length;
                _count--;
            }
        }

        public void Clear()
        {
            _head = 0;
            _count = 0;
        }
    }
}
