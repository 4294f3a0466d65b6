using System;
using System.Collections;
using Gateway.Core.Runtime;

namespace Gateway.Core.Platform
{
    /// <summary>
    /// <see cref="IStorage"/> over a flat folder of files (<see cref="IFileSystem"/>) that keeps the
    /// IStorage promise (old or new content after a power cut, never a mix) on a file system whose
    /// rename is atomic but may not replace an existing file: LittleFS on drive I: as seen through
    /// nanoFramework's File.Move (nanoframework.md §8).
    /// <para>
    /// A write goes through two marked names that no blob name can take ('~' and '+' are outside
    /// <see cref="StorageNames"/>):
    /// 1. write the content to "~name" (a power cut may leave it partial);
    /// 2. rename "~name" to "+name": from now on the new content is complete and marked so;
    /// 3. delete "name";
    /// 4. rename "+name" to "name".
    /// The tiny window is between 3 and 4: the blob's own name is gone and only "+name" holds it.
    /// <see cref="Recover"/> (run by the constructor, so at every boot) finishes what a cut left:
    /// every "~x" is deleted (its content was never complete; "x" still holds the old one), and
    /// every "+x" is promoted (delete "x" if present, rename "+x" to "x": the new content wins).
    /// Reads inside the window (a step 4 that failed without a reboot) fall back to "+name".
    /// </para>
    /// Runs on the scheduler's thread like every port; not for two writers at once.
    /// </summary>
    public sealed class AtomicFileStorage : IStorage
    {
        /// <summary>Prefix of a file being written; its content may be partial.</summary>
        public const string WritingPrefix = "~";

        /// <summary>Prefix of a complete new content waiting to take the blob's name.</summary>
        public const string ReadyPrefix = "+";

        private readonly IFileSystem _files;

        public AtomicFileStorage(IFileSystem files)
        {
            if (files == null)
            {
                throw new ArgumentNullException("files");
            }

            _files = files;
            RecoveredCount = Recover();
        }

        /// <summary>Leftover marked files the constructor cleaned up or promoted (a sign of an earlier power cut).</summary>
        public int RecoveredCount { get; }

        /// <summary>
        /// Finishes or undoes interrupted writes (see the class summary). Idempotent: a power cut
        /// during recovery leaves files that the next recovery handles the same way. Returns the
        /// number of marked files handled.
        /// </summary>
        public int Recover()
        {
            string[] names = ListFiles("list the folder for recovery");
            int handled = 0;
            for (int i = 0; i < names.Length; i++)
            {
                string file = names[i];
                if (file.Length < 2)
                {
                    continue;
                }

                string blob = file.Substring(1);
                if (!StorageNames.IsValid(blob))
                {
                    continue;
                }

                try
                {
                    if (file.Substring(0, 1) == WritingPrefix)
                    {
                        _files.Delete(file);
                        handled++;
                    }
                    else if (file.Substring(0, 1) == ReadyPrefix)
                    {
                        Promote(blob);
                        handled++;
                    }
                }
                catch (PowerCutException)
                {
                    throw;
                }
                catch (Exception e)
                {
                    throw new StorageException("cannot recover blob '" + blob + "'", e);
                }
            }

            return handled;
        }

        public bool TryRead(string name, out byte[] content)
        {
            StorageNames.Validate(name);
            try
            {
                if (_files.Exists(name))
                {
                    content = _files.ReadAll(name);
                    return true;
                }

                // Inside the window of a write whose last rename failed: the complete new content.
                if (_files.Exists(ReadyPrefix + name))
                {
                    content = _files.ReadAll(ReadyPrefix + name);
                    return true;
                }
            }
            catch (PowerCutException)
            {
                throw;
            }
            catch (Exception e)
            {
                throw new StorageException("cannot read blob '" + name + "'", e);
            }

            content = null;
            return false;
        }

        public void Write(string name, byte[] content)
        {
            StorageNames.Validate(name);
            if (content == null)
            {
                throw new ArgumentNullException("content");
            }

            string writing = WritingPrefix + name;
            string ready = ReadyPrefix + name;
            try
            {
                // A "+name" left by a step 4 that failed earlier is the current content: finish that
                // write first, so a cut during this one still leaves old (that) content or new.
                if (_files.Exists(ready))
                {
                    Promote(name);
                }

                _files.WriteAll(writing, content);
                _files.Move(writing, ready);
                Promote(name);
            }
            catch (PowerCutException)
            {
                throw;
            }
            catch (Exception e)
            {
                throw new StorageException("cannot write blob '" + name + "'", e);
            }
        }

        public void Delete(string name)
        {
            StorageNames.Validate(name);
            try
            {
                // "+name" first: a cut between the two deletes leaves the old blob, not a resurrected one.
                _files.Delete(ReadyPrefix + name);
                _files.Delete(name);
                _files.Delete(WritingPrefix + name);
            }
            catch (PowerCutException)
            {
                throw;
            }
            catch (Exception e)
            {
                throw new StorageException("cannot delete blob '" + name + "'", e);
            }
        }

        /// <summary>Blob names in ordinal order: valid names, plus blobs that exist only as "+name".</summary>
        public string[] List()
        {
            string[] files = ListFiles("list the folder");
            ArrayList names = new ArrayList();
            for (int i = 0; i < files.Length; i++)
            {
                string file = files[i];
                string blob = null;
                if (StorageNames.IsValid(file))
                {
                    blob = file;
                }
                else if (file.Length > 1 && file.Substring(0, 1) == ReadyPrefix && StorageNames.IsValid(file.Substring(1)))
                {
                    blob = file.Substring(1);
                }

                if (blob != null && !names.Contains(blob))
                {
                    Insert(names, blob);
                }
            }

            string[] result = new string[names.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (string)names[i];
            }

            return result;
        }

        /// <summary>Steps 3 and 4: the complete "+name" takes the blob's name.</summary>
        private void Promote(string name)
        {
            _files.Delete(name);
            _files.Move(ReadyPrefix + name, name);
        }

        private string[] ListFiles(string what)
        {
            try
            {
                string[] names = _files.List();
                return names ?? new string[0];
            }
            catch (PowerCutException)
            {
                throw;
            }
            catch (Exception e)
            {
                throw new StorageException("cannot " + what, e);
            }
        }

        private static void Insert(ArrayList sorted, string name)
        {
            int i = 0;
            while (i < sorted.Count && StorageNames.CompareOrdinal((string)sorted[i], name) < 0)
            {
                i++;
            }

            sorted.Insert(i, name);
        }
    }
}
