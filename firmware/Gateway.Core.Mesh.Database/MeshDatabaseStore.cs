using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// Keeps the mesh database in one storage blob, <see cref="BlobName"/>, as the CDB JSON the
    /// apps read (reference/ble-mesh.md §5), so every logical change — node added, node
    /// configured, AppKey added, binding made, node removed, import — is one atomic replace of
    /// that blob (the IStorage contract): after a power cut the blob is the state before or after
    /// the change, never a mix. The IV Index and SEQ are in other blobs (<see cref="MeshStateStore"/>).
    /// <para>
    /// Use: <c>Open()</c> at boot (or <c>Create</c> for a new network), change
    /// <see cref="Current"/>, then <c>Commit(timestamp)</c> once per change, before acting on it
    /// (store the node before sending it Provisioning Data: a node whose addresses were sent is
    /// then always in the database, and a crash can never hand them out twice).
    /// When a commit fails (database too large, storage error) <see cref="Current"/> is read back
    /// from storage, so memory and flash agree again; objects taken from the old
    /// <see cref="Current"/> are then stale.
    /// </para>
    /// </summary>
    public sealed class MeshDatabaseStore
    {
        public const string BlobName = "mesh.cdb.json";

        /// <summary>
        /// One write should stay well inside what LittleFS on the device rewrites comfortably and
        /// what the heap can hold while serialising (docs/mesh-database.md: about 100 typical nodes).
        /// </summary>
        public const int DefaultMaxBlobBytes = 65536;

        private readonly IStorage _storage;

        public MeshDatabaseStore(IStorage storage)
            : this(storage, DefaultMaxBlobBytes)
        {
        }

        public MeshDatabaseStore(IStorage storage, int maxBlobBytes)
        {
            _storage = storage;
            MaxBlobBytes = maxBlobBytes;
        }

        public int MaxBlobBytes { get; }

        /// <summary>The database as last read or written; null before Open/Create.</summary>
        public MeshDatabase Current { get; private set; }

        /// <summary>Size of the blob last read or written.</summary>
        public int BlobBytes { get; private set; }

        /// <summary>
        /// Reads the stored database. Returns false when none is stored. An unreadable blob is a
        /// <see cref="CdbFormatException"/>: never answer it by creating a new network over it
        /// (the nodes' keys would be lost).
        /// </summary>
        public bool Open()
        {
            byte[] content;
            if (!_storage.TryRead(BlobName, out content))
            {
                Current = null;
                BlobBytes = 0;
                return false;
            }

            Current = CdbImporter.Parse(content, 0, content.Length, MaxBlobBytes);
            BlobBytes = content.Length;
            return true;
        }

        /// <summary>Stores a new network; refused while a database is stored (delete it deliberately first).</summary>
        public void Create(MeshDatabase db, string timestamp)
        {
            byte[] existing;
            if (_storage.TryRead(BlobName, out existing))
            {
                throw new MeshDatabaseException("a mesh database is already stored");
            }

            Write(db, timestamp);
        }

        /// <summary>Writes <see cref="Current"/> as one atomic replace; <paramref name="timestamp"/> (ISO 8601 UTC) becomes its CDB timestamp.</summary>
        public void Commit(string timestamp)
        {
            if (Current == null)
            {
                throw new MeshDatabaseException("no mesh database is open");
            }

            Write(Current, timestamp);
        }

        /// <summary>
        /// Makes <paramref name="db"/> (an import) the stored database in one write. Until that
        /// write succeeds the stored database and <see cref="Current"/> stay as they were.
        /// </summary>
        public void Replace(MeshDatabase db, string timestamp)
        {
            Write(db, timestamp);
        }

        /// <summary>The stored CDB document (for export to a phone); null when none is stored.</summary>
        public byte[] ReadBlob()
        {
            byte[] content;
            return _storage.TryRead(BlobName, out content) ? content : null;
        }

        private void Write(MeshDatabase db, string timestamp)
        {
            string previousTimestamp = db.Timestamp;
            if (timestamp != null)
            {
                db.Timestamp = timestamp;

                // A NetKey's CDB timestamp is when it entered its phase: the first commit that stores it.
                for (int i = 0; i < db.NetKeys.Count; i++)
                {
                    MeshNetKey key = (MeshNetKey)db.NetKeys[i];
                    if (key.Timestamp == null)
                    {
                        key.Timestamp = timestamp;
                    }
                }
            }

            byte[] bytes;
            try
            {
                bytes = CdbExporter.Export(db);
                if (bytes.Length > MaxBlobBytes)
                {
                    throw new MeshDatabaseException("the database would take " + bytes.Length + " bytes, the limit is " + MaxBlobBytes);
                }

                _storage.Write(BlobName, bytes);
            }
            catch (MeshDatabaseException)
            {
                Restore(db, previousTimestamp);
                throw;
            }
            catch (StorageException)
            {
                Restore(db, previousTimestamp);
                throw;
            }

            Current = db;
            BlobBytes = bytes.Length;
        }

        /// <summary>After a refused write: a replacement is dropped, a changed Current is read back from storage.</summary>
        private void Restore(MeshDatabase db, string previousTimestamp)
        {
            db.Timestamp = previousTimestamp;
            if (db == Current)
            {
                Open();
            }
        }
    }
}
