using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Gateway.Core.Platform;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Firmware
{
    /// <summary>How a power cut treats the mutating file operation it interrupts.</summary>
    public enum CutEffect
    {
        /// <summary>The operation leaves no trace.</summary>
        None,

        /// <summary>WriteAll: the file exists with the first half of the content (Delete/Move: as None).</summary>
        Partial,

        /// <summary>The operation completes, then the power goes.</summary>
        Complete,
    }

    /// <summary>
    /// An in-memory folder with the semantics <see cref="IFileSystem"/> allows on LittleFS through
    /// nanoFramework's File API (nanoframework.md §8): Move refuses an existing target (IOException,
    /// as File.Move may), renames are atomic, a WriteAll cut by a power loss may leave a partial
    /// file. Power cuts are armed at a mutating operation's index (WriteAll, Delete, Move count).
    /// </summary>
    internal sealed class LittleFsFolder : IFileSystem
    {
        private readonly SortedDictionary<string, byte[]> _files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        private int _cutAt = -1;
        private CutEffect _effect;
        private bool _powerOff;

        public int MutationCount { get; private set; }

        public bool MoveOverwrites { get; set; }

        /// <summary>Makes the next Move throw IOException without a power cut (a flash error).</summary>
        public bool FailNextMove { get; set; }

        public IReadOnlyCollection<string> Names => _files.Keys;

        public void CutPowerAt(int mutationIndex, CutEffect effect)
        {
            _cutAt = mutationIndex;
            _effect = effect;
        }

        /// <summary>The surviving files in a fresh, powered folder: the flash after a reboot.</summary>
        public LittleFsFolder Reboot()
        {
            LittleFsFolder copy = new LittleFsFolder { MoveOverwrites = MoveOverwrites };
            foreach (KeyValuePair<string, byte[]> f in _files)
            {
                copy._files[f.Key] = (byte[])f.Value.Clone();
            }

            return copy;
        }

        public void Put(string name, byte[] content) => _files[name] = (byte[])content.Clone();

        public bool Exists(string name)
        {
            PowerCheck();
            return _files.ContainsKey(name);
        }

        public byte[] ReadAll(string name)
        {
            PowerCheck();
            if (!_files.TryGetValue(name, out byte[] content))
            {
                throw new IOException("file not found: " + name);
            }

            return (byte[])content.Clone();
        }

        public void WriteAll(string name, byte[] content)
        {
            PowerCheck();
            bool cut = Begin();
            if (!cut || _effect == CutEffect.Complete)
            {
                _files[name] = (byte[])content.Clone();
            }
            else if (_effect == CutEffect.Partial)
            {
                _files[name] = content.Take(content.Length / 2).ToArray();
            }

            End(cut);
        }

        public void Delete(string name)
        {
            PowerCheck();
            bool cut = Begin();
            if (!cut || _effect == CutEffect.Complete)
            {
                _files.Remove(name);
            }

            End(cut);
        }

        public void Move(string from, string to)
        {
            PowerCheck();
            if (FailNextMove)
            {
                FailNextMove = false;
                throw new IOException("flash error during rename");
            }

            if (!_files.ContainsKey(from))
            {
                throw new IOException("file not found: " + from);
            }

            if (_files.ContainsKey(to) && !MoveOverwrites)
            {
                throw new IOException("path already exists: " + to);
            }

            bool cut = Begin();
            if (!cut || _effect == CutEffect.Complete)
            {
                _files[to] = _files[from];
                _files.Remove(from);
            }

            End(cut);
        }

        public string[] List()
        {
            PowerCheck();
            return _files.Keys.Reverse().ToArray(); // "no particular order": not the sorted one
        }

        private void PowerCheck()
        {
            if (_powerOff)
            {
                throw new PowerCutException("folder has no power");
            }
        }

        private bool Begin()
        {
            return MutationCount++ == _cutAt;
        }

        private void End(bool cut)
        {
            if (cut)
            {
                _powerOff = true;
                throw new PowerCutException("power cut at mutation " + _cutAt);
            }
        }
    }
}
