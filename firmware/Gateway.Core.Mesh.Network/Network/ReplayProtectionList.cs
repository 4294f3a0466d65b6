using System;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Replay protection list (MshPRT §3.9.8; reference/ble-mesh.md §4.2, §4.8): per source
    /// address the highest (IV Index, SEQ) accepted. A message is a replay unless its IV Index is
    /// newer, or the same with a higher SEQ. The list is bounded; when it is full, messages from
    /// new sources are refused (evicting an entry would reopen a replay window for that source).
    /// Entries are kept in fixed arrays: checks and updates allocate nothing.
    /// Persistence is explicit: <see cref="Persist"/> writes the whole list as one atomic blob
    /// (version 0x01 ‖ count (2) ‖ count × (SRC (2) ‖ IV Index (4) ‖ SEQ (3)), big-endian);
    /// <see cref="MeshNetwork"/> calls it before it hands a message to the access layer.
    /// </summary>
    public sealed class ReplayProtectionList
    {
        public const string DefaultBlobName = "mesh.rpl";
        private const byte Version = 0x01;
        private const int EntryLength = 9;

        private readonly IStorage _storage;
        private readonly string _blobName;
        private readonly int[] _src;
        private readonly uint[] _iv;
        private readonly int[] _seq;
        private readonly byte[] _blob;
        private int _count;

        public ReplayProtectionList(IStorage storage, string blobName, int capacity)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }

            StorageNames.Validate(blobName);
            if (capacity < 1 || capacity > 0x7FFF)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            _storage = storage;
            _blobName = blobName;
            _src = new int[capacity];
            _iv = new uint[capacity];
            _seq = new int[capacity];
            _blob = new byte[3 + (capacity * EntryLength)];
        }

        public int Count
        {
            get { return _count; }
        }

        public int Capacity
        {
            get { return _src.Length; }
        }

        /// <summary>Accepted changes not yet written.</summary>
        public bool IsDirty { get; private set; }

        /// <summary>Blob writes made.</summary>
        public int WriteCount { get; private set; }

        /// <summary>Reads the stored list (replacing what is in memory). False when none is stored.</summary>
        public bool Load()
        {
            byte[] content;
            if (!_storage.TryRead(_blobName, out content))
            {
                return false;
            }

            if (content == null || content.Length < 3 || content[0] != Version)
            {
                throw new StorageException("RPL blob " + _blobName + " is not in a known format");
            }

            int count = (content[1] << 8) | content[2];
            if (content.Length != 3 + (count * EntryLength) || count > _src.Length)
            {
                throw new StorageException("RPL blob " + _blobName + " has " + count + " entries; capacity is " + _src.Length);
            }

            for (int i = 0; i < count; i++)
            {
                int at = 3 + (i * EntryLength);
                _src[i] = (content[at] << 8) | content[at + 1];
                _iv[i] = ((uint)content[at + 2] << 24) | ((uint)content[at + 3] << 16) | ((uint)content[at + 4] << 8) | content[at + 5];
                _seq[i] = (content[at + 6] << 16) | (content[at + 7] << 8) | content[at + 8];
            }

            _count = count;
            IsDirty = false;
            return true;
        }

        /// <summary>True when (<paramref name="ivIndex"/>, <paramref name="seq"/>) from <paramref name="src"/> is not newer than its entry.</summary>
        public bool IsReplay(int src, uint ivIndex, int seq)
        {
            int i = Find(src);
            if (i < 0)
            {
                return false;
            }

            return ivIndex < _iv[i] || (ivIndex == _iv[i] && seq <= _seq[i]);
        }

        /// <summary>True when a message from <paramref name="src"/> could be recorded (it has an entry or there is room).</summary>
        public bool HasRoomFor(int src)
        {
            return Find(src) >= 0 || _count < _src.Length;
        }

        /// <summary>
        /// Records (<paramref name="ivIndex"/>, <paramref name="seq"/>) for <paramref name="src"/>
        /// when it is newer than the entry. False (and nothing recorded) when the list is full.
        /// </summary>
        public bool Accept(int src, uint ivIndex, int seq)
        {
            int i = Find(src);
            if (i < 0)
            {
                if (_count == _src.Length)
                {
                    return false;
                }

                i = _count++;
                _src[i] = src;
                _iv[i] = ivIndex;
                _seq[i] = seq;
                IsDirty = true;
                return true;
            }

            if (ivIndex > _iv[i] || (ivIndex == _iv[i] && seq > _seq[i]))
            {
                _iv[i] = ivIndex;
                _seq[i] = seq;
                IsDirty = true;
            }

            return true;
        }

        public bool TryGet(int src, out uint ivIndex, out int seq)
        {
            int i = Find(src);
            ivIndex = i < 0 ? 0 : _iv[i];
            seq = i < 0 ? -1 : _seq[i];
            return i >= 0;
        }

        /// <summary>Forgets a source (a node that was removed or reset: its SEQ starts again at 0).</summary>
        public bool Remove(int src)
        {
            int i = Find(src);
            if (i < 0)
            {
                return false;
            }

            RemoveAt(i);
            return true;
        }

        /// <summary>
        /// Drops entries older than <paramref name="oldestIvIndex"/>: the network layer no longer
        /// accepts those IV Indexes, so the entries protect nothing (MshPRT §3.11.5).
        /// </summary>
        public int PruneBefore(uint oldestIvIndex)
        {
            int removed = 0;
            for (int i = _count - 1; i >= 0; i--)
            {
                if (_iv[i] < oldestIvIndex)
                {
                    RemoveAt(i);
                    removed++;
                }
            }

            return removed;
        }

        /// <summary>Writes the list when it changed. Storage errors propagate.</summary>
        public void Persist()
        {
            if (!IsDirty)
            {
                return;
            }

            int length = 3 + (_count * EntryLength);
            byte[] content = length == _blob.Length ? _blob : new byte[length];
            content[0] = Version;
            content[1] = (byte)(_count >> 8);
            content[2] = (byte)_count;
            for (int i = 0; i < _count; i++)
            {
                int at = 3 + (i * EntryLength);
                content[at] = (byte)(_src[i] >> 8);
                content[at + 1] = (byte)_src[i];
                content[at + 2] = (byte)(_iv[i] >> 24);
                content[at + 3] = (byte)(_iv[i] >> 16);
                content[at + 4] = (byte)(_iv[i] >> 8);
                content[at + 5] = (byte)_iv[i];
                content[at + 6] = (byte)(_seq[i] >> 16);
                content[at + 7] = (byte)(_seq[i] >> 8);
                content[at + 8] = (byte)_seq[i];
            }

            _storage.Write(_blobName, content);
            WriteCount++;
            IsDirty = false;
        }

        private void RemoveAt(int i)
        {
            _count--;
            _src[i] = _src[_count];
            _iv[i] = _iv[_count];
            _seq[i] = _seq[_count];
            IsDirty = true;
        }

        private int Find(int src)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_src[i] == src)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
