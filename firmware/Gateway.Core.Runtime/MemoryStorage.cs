using System;
using System.Collections;

namespace Gateway.Core.Runtime
{
    /// <summary>
    /// In-memory <see cref="IStorage"/> for tests and simulation, with power-cut injection.
    /// <para>
    /// Every <see cref="Write"/> and <see cref="Delete"/> is a "write" and gets an index, starting
    /// at 0 (<see cref="WriteCount"/> before the call). <see cref="CutPowerAtWrite"/> arms a cut at
    /// one index: that write either does not happen or happens completely, then
    /// <see cref="PowerCutException"/> is thrown and every later call throws it too until
    /// <see cref="RestorePower"/>. This is the IStorage contract (old or new content, never a mix),
    /// so a crash test can cut at every write of a script and check the device recovers.
    /// <see cref="Snapshot"/> copies the surviving content into a fresh storage to "reboot" from.
    /// </para>
    /// Contents are copied on write and on read: neither side can change the other's bytes.
    /// <see cref="List"/> returns names in ordinal order so simulations replay exactly.
    /// </summary>
    public sealed class MemoryStorage : IStorage
    {
        private readonly ArrayList _blobs = new ArrayList(); // BlobEntry, sorted by name (ordinal)
        private int _writeCount;
        private int _cutAtWrite = -1;
        private bool _cutApplies;
        private bool _powerOff;

        /// <summary>Writes (Write and Delete calls) that reached the medium, including one interrupted by a cut.</summary>
        public int WriteCount
        {
            get { return _writeCount; }
        }

        /// <summary>False after a cut until <see cref="RestorePower"/>.</summary>
        public bool IsPowered
        {
            get { return !_powerOff; }
        }

        /// <summary>Number of blobs stored (readable while the power is off, for test assertions).</summary>
        public int Count
        {
            get { return _blobs.Count; }
        }

        /// <summary>
        /// Arms a power cut at write number <paramref name="writeIndex"/> (0-based, counted by
        /// <see cref="WriteCount"/>). With <paramref name="applied"/> true that write takes effect
        /// completely before the power goes; with false it leaves no trace.
        /// </summary>
        public void CutPowerAtWrite(int writeIndex, bool applied)
        {
            if (writeIndex < _writeCount)
            {
                throw new ArgumentOutOfRangeException("writeIndex", "write " + writeIndex + " already happened");
            }

            _cutAtWrite = writeIndex;
            _cutApplies = applied;
        }

        /// <summary>Cuts the power at once, between writes: the next call throws.</summary>
        public void CutPowerNow()
        {
            _powerOff = true;
            _cutAtWrite = -1;
        }

        /// <summary>Powers the medium back on and disarms any pending cut. Content is what survived.</summary>
        public void RestorePower()
        {
            _powerOff = false;
            _cutAtWrite = -1;
        }

        /// <summary>
        /// A new powered storage holding a copy of the current content, with no cut armed and
        /// <see cref="WriteCount"/> 0: the flash of a device that reboots. Works while the power is off.
        /// </summary>
        public MemoryStorage Snapshot()
        {
            MemoryStorage copy = new MemoryStorage();
            for (int i = 0; i < _blobs.Count; i++)
            {
                BlobEntry entry = (BlobEntry)_blobs[i];
                copy._blobs.Add(new BlobEntry(entry.Name, Copy(entry.Content)));
            }

            return copy;
        }

        public bool TryRead(string name, out byte[] content)
        {
            ThrowIfPowerOff();
            StorageNames.Validate(name);
            int index = Find(name);
            if (index < 0)
            {
                content = null;
                return false;
            }

            content = Copy(((BlobEntry)_blobs[index]).Content);
            return true;
        }

        public void Write(string name, byte[] content)
        {
            ThrowIfPowerOff();
            StorageNames.Validate(name);
            if (content == null)
            {
                throw new ArgumentNullException("content");
            }

            bool cut = BeginWrite();
            if (!cut || _cutApplies)
            {
                byte[] stored = Copy(content);
                int index = Find(name);
                if (index >= 0)
                {
                    ((BlobEntry)_blobs[index]).Content = stored;
                }
                else
                {
                    _blobs.Insert(~index, new BlobEntry(name, stored));
                }
            }

            EndWrite(cut);
        }

        public void Delete(string name)
        {
            ThrowIfPowerOff();
            StorageNames.Validate(name);
            bool cut = BeginWrite();
            if (!cut || _cutApplies)
            {
                int index = Find(name);
                if (index >= 0)
                {
                    _blobs.RemoveAt(index);
                }
            }

            EndWrite(cut);
        }

        public string[] List()
        {
            ThrowIfPowerOff();
            string[] names = new string[_blobs.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = ((BlobEntry)_blobs[i]).Name;
            }

            return names;
        }

        private void ThrowIfPowerOff()
        {
            if (_powerOff)
            {
                throw new PowerCutException("storage has no power");
            }
        }

        /// <summary>Counts the write; returns true when the power is cut during it.</summary>
        private bool BeginWrite()
        {
            int index = _writeCount;
            _writeCount++;
            return index == _cutAtWrite;
        }

        private void EndWrite(bool cut)
        {
            if (cut)
            {
                int index = _cutAtWrite;
                _cutAtWrite = -1;
                _powerOff = true;
                throw new PowerCutException("power cut at write " + index + (_cutApplies ? " (applied)" : " (not applied)"));
            }
        }

        /// <summary>Index of <paramref name="name"/>, or the bitwise complement of where it would be inserted.</summary>
        private int Find(string name)
        {
            int lo = 0;
            int hi = _blobs.Count - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) / 2;
                int c = StorageNames.CompareOrdinal(((BlobEntry)_blobs[mid]).Name, name);
                if (c == 0)
                {
                    return mid;
                }

                if (c < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return ~lo;
        }

        private static byte[] Copy(byte[] source)
        {
            byte[] copy = new byte[source.Length];
            Array.Copy(source, 0, copy, 0, source.Length);
            return copy;
        }

        private sealed class BlobEntry
        {
            public BlobEntry(string name, byte[] content)
            {
                Name = name;
                Content = content;
            }

            public string Name { get; }

            public byte[] Content { get; set; }
        }
    }
}
