using System;

namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// Strict reassembly of one PB-ADV transaction (MshPRT §5.3.3) into a buffer allocated once
    /// per link. Segments may arrive in any order after the start and any number of times; a
    /// repeat must match what is held, every segment but the last must be full, and the FCS is
    /// checked when the last one arrives. Anything inconsistent aborts the transaction so the
    /// sender's next retransmission starts clean: the checks Zephyr's <c>gen_prov_start</c> /
    /// <c>gen_prov_cont</c> make, plus the ones whose absence became CVE-2025-9557.
    /// Which transaction numbers are acceptable is the link's decision, not this class's.
    /// </summary>
    public sealed class GenericProvisioningReassembler
    {
        private readonly byte[] _buffer;
        private readonly int _maxPduSize;
        private ulong _received; // bit i = segment i held (SegN ≤ 63)
        private ulong _expected;
        private int _lastSegmentIndex;
        private byte _fcs;

        public GenericProvisioningReassembler(int maxPduSize)
        {
            if (maxPduSize < 1 || maxPduSize > GenericProvisioning.MaxTransactionLength)
            {
                throw new ArgumentOutOfRangeException("maxPduSize");
            }

            _maxPduSize = maxPduSize;
            _buffer = new byte[maxPduSize];
        }

        /// <summary>True while a transaction is being collected (its start seen, not complete or aborted).</summary>
        public bool IsActive { get; private set; }

        /// <summary>Transaction Number of the active (or last completed) transaction.</summary>
        public byte TransactionNumber { get; private set; }

        /// <summary>TotalLength of the active (or last completed) transaction.</summary>
        public int TotalLength { get; private set; }

        /// <summary>The reassembled PDU after <see cref="ReassemblyResult.Complete"/>: octets 0 … TotalLength−1.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        public int MaxPduSize
        {
            get { return _maxPduSize; }
        }

        /// <summary>Forgets the transaction in progress.</summary>
        public void Reset()
        {
            IsActive = false;
            _received = 0;
            _expected = 0;
        }

        /// <summary>Adds a Transaction Start. A start for another transaction number replaces the one in progress.</summary>
        public ReassemblyResult AddStart(byte transactionNumber, int lastSegmentIndex, int totalLength, byte fcs, byte[] data, int offset, int count)
        {
            if (!ValidWindow(data, offset, count))
            {
                return Abort(ReassemblyResult.InvalidSegment);
            }

            if (IsActive && transactionNumber == TransactionNumber)
            {
                if (lastSegmentIndex != _lastSegmentIndex || totalLength != TotalLength || fcs != _fcs)
                {
                    return Abort(ReassemblyResult.Conflict);
                }

                return CompareOrStore(0, data, offset, count);
            }

            Reset();
            if (totalLength > _maxPduSize)
            {
                return ReassemblyResult.TooLong;
            }

            if (totalLength < 1 || lastSegmentIndex != GenericProvisioning.LastSegmentIndex(totalLength)
                || count != GenericProvisioning.SegmentLength(totalLength, 0))
            {
                return ReassemblyResult.InvalidSegment;
            }

            IsActive = true;
            TransactionNumber = transactionNumber;
            TotalLength = totalLength;
            _lastSegmentIndex = lastSegmentIndex;
            _fcs = fcs;
            _expected = lastSegmentIndex == 63 ? ulong.MaxValue : (1UL << (lastSegmentIndex + 1)) - 1;
            return CompareOrStore(0, data, offset, count);
        }

        /// <summary>Adds a Transaction Continuation of the active transaction.</summary>
        public ReassemblyResult AddContinuation(byte transactionNumber, int segmentIndex, byte[] data, int offset, int count)
        {
            if (!IsActive || transactionNumber != TransactionNumber)
            {
                return ReassemblyResult.NotStarted;
            }

            if (!ValidWindow(data, offset, count) || segmentIndex < 1 || segmentIndex > _lastSegmentIndex
                || count != GenericProvisioning.SegmentLength(TotalLength, segmentIndex))
            {
                return Abort(ReassemblyResult.InvalidSegment);
            }

            return CompareOrStore(segmentIndex, data, offset, count);
        }

        private ReassemblyResult CompareOrStore(int segmentIndex, byte[] data, int offset, int count)
        {
            int at = GenericProvisioning.SegmentOffset(segmentIndex);
            ulong bit = 1UL << segmentIndex;
            if ((_received & bit) != 0)
            {
                for (int i = 0; i < count; i++)
                {
                    if (_buffer[at + i] != data[offset + i])
                    {
                        return Abort(ReassemblyResult.Conflict);
                    }
                }

                return ReassemblyResult.Duplicate;
            }

            Array.Copy(data, offset, _buffer, at, count);
            _received |= bit;
            if (_received != _expected)
            {
                return ReassemblyResult.InProgress;
            }

            // MshPRT §5.3.3: the receiver checks the FCS once every segment is in and does not
            // acknowledge a transaction that fails it.
            IsActive = false;
            if (!ProvisioningFcs.Check(_buffer, 0, TotalLength, _fcs))
            {
                Reset();
                return ReassemblyResult.FcsMismatch;
            }

            _received = 0;
            return ReassemblyResult.Complete;
        }

        private ReassemblyResult Abort(ReassemblyResult reason)
        {
            Reset();
            return reason;
        }

        private static bool ValidWindow(byte[] data, int offset, int count)
        {
            return data != null && offset >= 0 && count >= 0 && offset <= data.Length - count;
        }
    }
}
