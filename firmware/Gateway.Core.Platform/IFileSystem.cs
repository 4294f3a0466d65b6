namespace Gateway.Core.Platform
{
    /// <summary>
    /// The few file operations <see cref="AtomicFileStorage"/> needs, on one flat folder. Names are
    /// file names inside that folder, never paths. Device: LittleFS files on drive I: through
    /// nanoFramework's System.IO.File; tests: an in-memory folder with power-cut injection.
    /// <para>
    /// The contract is deliberately LittleFS-shaped (nanoframework.md §8): <see cref="Move"/> may
    /// refuse to replace an existing file, so callers delete the target first; a rename is atomic
    /// (the file has the old name or the new one after a power cut, never both or neither); a file
    /// written by <see cref="WriteAll"/> may be empty or partial after a power cut during the call.
    /// Every failure of the medium surfaces as an exception (the adapter's own I/O exception).
    /// </para>
    /// </summary>
    public interface IFileSystem
    {
        bool Exists(string name);

        /// <summary>The whole file. Throws when it does not exist.</summary>
        byte[] ReadAll(string name);

        /// <summary>Creates or truncates the file and writes <paramref name="content"/>; the data is on the medium when this returns.</summary>
        void WriteAll(string name, byte[] content);

        /// <summary>Deletes the file; no error when it does not exist.</summary>
        void Delete(string name);

        /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>, atomically. May throw when <paramref name="to"/> exists.</summary>
        void Move(string from, string to);

        /// <summary>Names of the files in the folder, in no particular order.</summary>
        string[] List();
    }
}
