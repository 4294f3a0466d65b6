using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// The gateway's SEQ and IV Index state with store-ahead persistence (MshPRT §3.4.6.3, §3.11.5;
    /// reference/ble-mesh.md §4.8). A SEQ must never repeat under one IV Index, but writing flash
    /// for every message would wear it out, so the store reserves a block: before SEQ n is used the
    /// blob holds a limit above n, and after a reboot SEQs resume at that limit. A power cut loses
    /// at most one block of numbers, never reuses one. The IV Index and the IV Update flag live in
    /// the same blob, so the pair (IV Index, SEQ) is replaced atomically.
    /// Blob: version 0x01 ‖ IV Index (4) ‖ flags (bit 0: IV Update in progress) ‖ SEQ limit (4), big-endian.
    /// </summary>
    public sealed class SequenceNumberStore
    {
        public const string DefaultBlobName = "mesh.seq";
        public const int MaxSeq = 0xFFFFFF;
        private const int BlobLength = 10;
        private const byte Version = 0x01;

        private readonly IStorage _storage;
        private readonly string _blobName;
        private readonly int _blockSize;
        private readonly byte[] _blob = new byte[BlobLength];
        private int _next;
        private int _limit;

        public SequenceNumberStore(IStorage storage, string blobName, int blockSize)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }

            StorageNames.Validate(blobName);
            if (blockSize < 1 || blockSize > 0x100000)
            {
                throw new ArgumentOutOfRangeException("blockSize");
            }

            _storage = storage;
            _blobName = blobName;
            _blockSize = blockSize;
        }

        public uint IvIndex { get; private set; }

        public bool IvUpdateInProgress { get; private set; }

        /// <summary>The SEQ the next <see cref="Allocate"/> returns (when not exhausted).</summary>
        public int NextSeq
        {
            get { return _next; }
        }

        /// <summary>SEQs still available under the current IV Index.</summary>
        public int Remaining
        {
            get { return MaxSeq + 1 - _next; }
        }

        /// <summary>Blob writes made (one per block, per IV Index change).</summary>
        public int WriteCount { get; private set; }

        /// <summary>
        /// Reads the stored state. Returns false when there is none (a new network: call
        /// <see cref="Initialize"/>). Resumes SEQ at the stored limit, since anything below may have been used.
        /// </summary>
        public bool Load()
        {
            byte[] content;
            if (!_storage.TryRead(_blobName, out content))
            {
                return false;
            }

            if (content == null || content.Length != BlobLength || content[0] != Version)
            {
                throw new StorageException("SEQ blob " + _blobName + " is not in a known format");
            }

            IvIndex = ((uint)content[1] << 24) | ((uint)content[2] << 16) | ((uint)content[3] << 8) | content[4];
            IvUpdateInProgress = (content[5] & 0x01) != 0;
            int limit = (content[6] << 24) | (content[7] << 16) | (content[8] << 8) | content[9];
            if (limit < 0 || limit > MaxSeq + 1)
            {
                throw new StorageException("SEQ blob " + _blobName + " holds an impossible SEQ limit");
            }

            _next = limit;
            _limit = limit;
            return true;
        }

        /// <summary>Starts a fresh state (first boot of a new network): SEQ 0 under <paramref name="ivIndex"/>.</summary>
        public void Initialize(uint ivIndex, bool ivUpdateInProgress)
        {
            ChangeIvIndex(ivIndex, ivUpdateInProgress, true);
        }

        /// <summary>
        /// Takes the next SEQ, writing a new limit first when the reserved block is used up.
        /// Returns -1 when the IV Index has no SEQ left (an IV Update is overdue). A storage
        /// error propagates, and no SEQ beyond the stored limit is ever handed out.
        /// </summary>
        public int Allocate()
        {
            if (_next > MaxSeq)
            {
                return -1;
            }

            if (_next >= _limit)
            {
                int limit = _next + _blockSize;
                if (limit > MaxSeq + 1)
                {
                    limit = MaxSeq + 1;
                }

                Persist(IvIndex, IvUpdateInProgress, limit);
                _limit = limit;
            }

            return _next++;
        }

        /// <summary>
        /// Sets the IV Index state (MshPRT §3.11.5). With <paramref name="resetSeq"/> the SEQ
        /// restarts at 0, which the spec requires when IV Update in Progress ends. Written before
        /// it takes effect.
        /// </summary>
        public void ChangeIvIndex(uint ivIndex, bool ivUpdateInProgress, bool resetSeq)
        {
            int next = resetSeq ? 0 : _next;
            int limit = next + _blockSize;
            if (limit > MaxSeq + 1)
            {
                limit = MaxSeq + 1;
            }

            Persist(ivIndex, ivUpdateInProgress, limit);
            IvIndex = ivIndex;
            IvUpdateInProgress = ivUpdateInProgress;
            _next = next;
            _limit = limit;
        }

        private void Persist(uint ivIndex, bool inProgress, int limit)
        {
            _blob[0] = Version;
            _blob[1] = (byte)(ivIndex >> 24);
            _blob[2] = (byte)(ivIndex >> 16);
            _blob[3] = (byte)(ivIndex >> 8);
            _blob[4] = (byte)ivIndex;
            _blob[5] = (byte)(inProgress ? 0x01 : 0x00);
            _blob[6] = (byte)(limit >> 24);
            _blob[7] = (byte)(limit >> 16);
            _blob[8] = (byte)(limit >> 8);
            _blob[9] = (byte)limit;
            _storage.Write(_blobName, _blob);
            WriteCount++;
        }
    }
}
