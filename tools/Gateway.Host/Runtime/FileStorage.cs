using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Gateway.Core.Runtime;

namespace Gateway.Host.Runtime
{
    /// <summary>
    /// <see cref="IStorage"/> over a folder: one file per blob, named exactly like the blob.
    /// <para>
    /// Atomic replace (the IStorage contract: old or new content after a crash, never a mix):
    /// the new content goes to a temporary file in the same folder, is flushed to the disk,
    /// renamed over the blob (rename within a folder is atomic on POSIX and NTFS), and then the
    /// folder itself is fsynced where the OS allows it, so the rename survives a power cut too.
    /// Temporary files start with '~', which no blob name can contain; ones left by a crash are
    /// never read as blobs and are deleted when the storage opens.
    /// </para>
    /// Every I/O failure surfaces as one <see cref="StorageException"/> naming the folder and the
    /// blob. Names are case-sensitive as on LittleFS; on a case-insensitive file system (Windows,
    /// macOS) do not use two names that differ only in case. Not for two processes at once.
    /// </summary>
    public sealed class FileStorage : IStorage
    {
        /// <summary>First character of every temporary file; not allowed in blob names.</summary>
        public const char TempPrefix = '~';

        private const string TempSuffix = ".tmp";

        public FileStorage(string folder)
        {
            if (string.IsNullOrEmpty(folder))
            {
                throw new ArgumentException("storage folder path is empty", nameof(folder));
            }

            Folder = Path.GetFullPath(folder);
            try
            {
                if (File.Exists(Folder))
                {
                    throw new StorageException(Describe("is a file, not a folder"));
                }

                Directory.CreateDirectory(Folder);
                DeleteStaleTempFiles();
            }
            catch (Exception e) when (IsIoFailure(e))
            {
                throw new StorageException(Describe("cannot be opened: " + e.Message), e);
            }
        }

        /// <summary>Absolute path of the folder holding the blobs.</summary>
        public string Folder { get; }

        public bool TryRead(string name, out byte[] content)
        {
            StorageNames.Validate(name);
            string path = Path.Combine(Folder, name);
            try
            {
                content = File.ReadAllBytes(path);
                return true;
            }
            catch (FileNotFoundException)
            {
                content = null;
                return false;
            }
            catch (Exception e) when (IsIoFailure(e))
            {
                throw new StorageException(Describe("cannot read blob '" + name + "': " + e.Message), e);
            }
        }

        public void Write(string name, byte[] content)
        {
            StorageNames.Validate(name);
            ArgumentNullException.ThrowIfNull(content);
            string path = Path.Combine(Folder, name);
            string temp = Path.Combine(Folder, TempPrefix + name + "." + Guid.NewGuid().ToString("N") + TempSuffix);
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
                {
                    stream.Write(content, 0, content.Length);

                    // The data must be on the disk before the rename makes it the blob; otherwise
                    // a power cut can leave the new name pointing at an empty or partial file.
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temp, path, overwrite: true);
                SyncFolder();
            }
            catch (Exception e) when (IsIoFailure(e))
            {
                TryDelete(temp);
                throw new StorageException(Describe("cannot write blob '" + name + "': " + e.Message), e);
            }
        }

        public void Delete(string name)
        {
            StorageNames.Validate(name);
            string path = Path.Combine(Folder, name);
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                    SyncFolder();
                }
            }
            catch (Exception e) when (IsIoFailure(e))
            {
                throw new StorageException(Describe("cannot delete blob '" + name + "': " + e.Message), e);
            }
        }

        /// <summary>Blob names in ordinal order; temporary and foreign files are not blobs.</summary>
        public string[] List()
        {
            try
            {
                var names = new List<string>();
                foreach (string path in Directory.EnumerateFiles(Folder))
                {
                    string name = Path.GetFileName(path);
                    if (StorageNames.IsValid(name))
                    {
                        names.Add(name);
                    }
                }

                names.Sort(StringComparer.Ordinal);
                return names.ToArray();
            }
            catch (Exception e) when (IsIoFailure(e))
            {
                throw new StorageException(Describe("cannot be listed: " + e.Message), e);
            }
        }

        private void DeleteStaleTempFiles()
        {
            foreach (string path in Directory.EnumerateFiles(Folder, TempPrefix + "*"))
            {
                // Only our own pattern: a crash between create and rename left it; the blob it
                // was meant to replace still holds the old content.
                if (Path.GetFileName(path).EndsWith(TempSuffix, StringComparison.Ordinal))
                {
                    File.Delete(path);
                }
            }
        }

        /// <summary>
        /// fsync on the folder makes a rename or delete durable (POSIX leaves directory entries in
        /// the cache otherwise). Windows has no portable equivalent for folders and journals NTFS
        /// metadata, so it is skipped there.
        /// </summary>
        private void SyncFolder()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            int fd = PosixNative.open(Folder, PosixNative.O_RDONLY);
            if (fd < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new IOException("open(folder) for fsync failed, errno " + errno);
            }

            try
            {
                if (PosixNative.fsync(fd) != 0)
                {
                    int errno = Marshal.GetLastPInvokeError();

                    // EINVAL: the file system does not support syncing directories (some FUSE, tmpfs variants).
                    if (errno != PosixNative.EINVAL)
                    {
                        throw new IOException("fsync(folder) failed, errno " + errno);
                    }
                }
            }
            finally
            {
                PosixNative.close(fd);
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (IsIoFailure(e))
            {
                // The next start cleans it up.
            }
        }

        private static bool IsIoFailure(Exception e)
        {
            return e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException;
        }

        private string Describe(string problem)
        {
            return "storage folder '" + Folder + "' " + problem;
        }

        private static class PosixNative
        {
            public const int O_RDONLY = 0;
            public const int EINVAL = 22;

            [DllImport("libc", SetLastError = true)]
            public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

            [DllImport("libc", SetLastError = true)]
            public static extern int fsync(int fd);

            [DllImport("libc", SetLastError = true)]
            public static extern int close(int fd);
        }
    }
}
