namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Storage port: named blobs with atomic replace (DESIGN.md §3). After a power cut during
    /// <see cref="Write"/>, a later <see cref="TryRead"/> returns either the old or the new
    /// content, never a mix. Device: LittleFS files on <c>I:</c>; host: files in a folder;
    /// tests: <see cref="MemoryStorage"/> with power-cut injection.
    /// Names are short ASCII identifiers: letters, digits, '.', '-' and '_'.
    /// </summary>
    public interface IStorage
    {
        /// <summary>Reads a blob. Returns false when it does not exist.</summary>
        bool TryRead(string name, out byte[] content);

        /// <summary>Creates or atomically replaces a blob.</summary>
        void Write(string name, byte[] content);

        /// <summary>Deletes a blob; no error when it does not exist.</summary>
        void Delete(string name);

        /// <summary>Names of all blobs, in no particular order.</summary>
        string[] List();
    }
}
