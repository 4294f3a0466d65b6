using System;
using System.Collections;
using System.IO;
using Gateway.Core.Platform;
using Gateway.Core.Runtime;

namespace Gateway.Core.DeviceTests.Platform
{
    /// <summary>What a power cut does to the file operation it interrupts.</summary>
    internal enum CutEffect
    {
        /// <summary>The operation leaves no trace.</summary>
        None = 0,

        /// <summary>A write leaves half its content (other operations: no trace).</summary>
        Partial = 1,

        /// <summary>The operation completed, then the power went.</summary>
        Complete = 2,
    }

    /// <summary>
    /// A flat folder in memory with LittleFS's rename as nanoFramework's File.Move shows it: atomic,
    /// but it does not replace an existing file. The power can be cut at the n-th mutating
    /// operation (write, delete, move); after that every call throws until <see cref="Reboot"/>.
    /// Host twin: tests/Gateway.Core.Tests/Firmware/LittleFsFolder.cs.
    /// </summary>
    internal sealed class MemoryFileSystem : IFileSystem
    {
        private readonly Hashtable _files = new Hashtable();
        private int _cutAt = -1;
        private CutEffect _effect;
        private bool _powerOff;

        public int MutationCount { get; private set; }

        public void CutPowerAt(int mutationIndex, CutEffect effect)
        {
            _cutAt = mutationIndex;
            _effect = effect;
        }

        /// <summary>The folder as the next boot finds it.</summary>
        public MemoryFileSystem Reboot()
        {
            MemoryFileSystem copy = new MemoryFileSystem();
            foreach (DictionaryEntry f in _files)
            {
                copy._files[f.Key] = ((byte[])f.Value).Clone();
            }

            return copy;
        }

        public void Put(string name, byte[] content)
        {
            _files[name] = content.Clone();
        }

        /// <summary>Whether any file name starts with a write marker ('~' or '+').</summary>
        public bool HasMarkedFiles()
        {
            foreach (DictionaryEntry f in _files)
            {
                string name = (string)f.Key;
                if (name.StartsWith(AtomicFileStorage.WritingPrefix) || name.StartsWith(AtomicFileStorage.ReadyPrefix))
                {
                    return true;
                }
            }

            return false;
        }

        public bool Exists(string name)
        {
            PowerCheck();
            return _files.Contains(name);
        }

        public byte[] ReadAll(string name)
        {
            PowerCheck();
            if (!_files.Contains(name))
            {
                throw new IOException("file not found");
            }

            return (byte[])((byte[])_files[name]).Clone();
        }

        public void WriteAll(string name, byte[] content)
        {
            PowerCheck();
            bool cut = Begin();
            if (!cut || _effect == CutEffect.Complete)
            {
                _files[name] = content.Clone();
            }
            else if (_effect == CutEffect.Partial)
            {
                byte[] half = new byte[content.Length / 2];
                Array.Copy(content, half, half.Length);
                _files[name] = half;
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
            if (!_files.Contains(from))
            {
                throw new IOException("file not found");
            }

            if (_files.Contains(to))
            {
                throw new IOException("path already exists");
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
            string[] names = new string[_files.Count];
            int i = 0;
            foreach (DictionaryEntry f in _files)
            {
                names[i++] = (string)f.Key;
            }

            return names;
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
                throw new PowerCutException("power cut");
            }
        }
    }
}
