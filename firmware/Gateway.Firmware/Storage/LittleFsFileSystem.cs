using System;
using System.IO;
using Gateway.Core.Platform;

namespace Gateway.Firmware.Storage
{
    /// <summary>
    /// The core's <see cref="IFileSystem"/> on one folder of the ESP32's internal LittleFS volume,
    /// drive I: (the "config" partition, 256 KB on 4 MB flash; nanoframework.md §8), through
    /// nanoFramework's System.IO.File. Thin on purpose: the write/rename/recovery rules live in the
    /// core's <see cref="AtomicFileStorage"/>, which the host tests with power cuts.
    /// <c>File.WriteAllBytes</c> opens with truncate, writes and closes; LittleFS commits a file
    /// on close (copy-on-write), so the data is on the flash when it returns.
    /// </summary>
    public sealed partial class LittleFsFileSystem : IFileSystem
    {
        private readonly string _folder;

        /// <param name="folder">For example <c>I:\data</c>; created when missing.</param>
        public LittleFsFileSystem(string folder)
        {
            if (folder == null || folder.Length == 0)
            {
                throw new ArgumentException("folder");
            }

            _folder = folder;
            if (!Directory.Exists(_folder))
            {
                Directory.CreateDirectory(_folder);
            }
        }

        public string Folder
        {
            get { return _folder; }
        }

        public bool Exists(string name)
        {
            return File.Exists(PathOf(name));
        }

        public byte[] ReadAll(string name)
        {
            return File.ReadAllBytes(PathOf(name));
        }

        public void WriteAll(string name, byte[] content)
        {
            File.WriteAllBytes(PathOf(name), content);
        }

        public void Delete(string name)
        {
            string path = PathOf(name);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        public void Move(string from, string to)
        {
            File.Move(PathOf(from), PathOf(to));
        }

        public string[] List()
        {
            string[] paths = Directory.GetFiles(_folder);
            string[] names = new string[paths.Length];
            for (int i = 0; i < paths.Length; i++)
            {
                names[i] = FileNameOf(paths[i]);
            }

            return names;
        }

        private string PathOf(string name)
        {
            return _folder + "\\" + name;
        }
    }
}
