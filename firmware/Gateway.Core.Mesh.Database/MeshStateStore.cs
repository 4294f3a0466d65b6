using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// The network state that must survive a reboot but is not part of the CDB (reference/ble-mesh.md
    /// §4.8: BlueZ strips the IV Index from its export, the CDB has no SEQ): two small blobs beside
    /// <see cref="MeshDatabaseStore.BlobName"/>, each replaced atomically on its own.
    /// <list type="bullet">
    /// <item><see cref="IvBlobName"/> (6 octets): version 1 ‖ IV Index (4, big-endian) ‖ flags
    /// (bit 0: IV Update in progress).</item>
    /// <item><see cref="SeqBlobName"/> (10 octets): version 1 ‖ source address (2) ‖ IV Index (4) ‖
    /// SEQ reserved-until (3), big-endian. Every SEQ below reserved-until may have been sent from
    /// that address under that IV Index; the network layer resumes there (store-ahead: it saves a
    /// new limit a block ahead before using the block, as Zephyr's SEQ_STORE_RATE does). When the
    /// address or IV Index differ from the current ones the record does not apply: a new
    /// address has no replay entries anywhere, and SEQ restarts at 0 with a new IV Index.</item>
    /// </list>
    /// The SEQ policy (block size, when to start an IV Update) belongs to the network layer; the
    /// replay protection list is its own blob as well.
    /// </summary>
    public sealed class MeshStateStore
    {
        public const string IvBlobName = "meshdb.iv";
        public const string SeqBlobName = "meshdb.seq";

        /// <summary>SEQ is 24 bits (MshPRT §3.4.4.4).</summary>
        public const int MaxSequence = 0xFFFFFF;

        private const byte Version = 1;
        private const int IvLength = 6;
        private const int SeqLength = 10;

        private readonly IStorage _storage;

        public MeshStateStore(IStorage storage)
        {
            _storage = storage;
        }

        /// <summary>False when nothing is stored; a blob of another size or version is a <see cref="ProtocolFormatException"/>.</summary>
        public bool TryLoadIvIndex(out uint ivIndex, out bool ivUpdateInProgress)
        {
            ivIndex = 0;
            ivUpdateInProgress = false;
            byte[] content;
            if (!_storage.TryRead(IvBlobName, out content))
            {
                return false;
            }

            ByteReader r = Open(content, IvLength, IvBlobName);
            ivIndex = r.ReadUInt32BigEndian();
            ivUpdateInProgress = (r.ReadByte() & 0x01) != 0;
            return true;
        }

        public void SaveIvIndex(uint ivIndex, bool ivUpdateInProgress)
        {
            byte[] content = new byte[IvLength];
            ByteWriter w = new ByteWriter(content, 0, IvLength);
            w.WriteByte(Version);
            w.WriteUInt32BigEndian(ivIndex);
            w.WriteByte((byte)(ivUpdateInProgress ? 0x01 : 0x00));
            _storage.Write(IvBlobName, content);
        }

        public bool TryLoadSequence(out int sourceAddress, out uint ivIndex, out int reservedUntil)
        {
            sourceAddress = 0;
            ivIndex = 0;
            reservedUntil = 0;
            byte[] content;
            if (!_storage.TryRead(SeqBlobName, out content))
            {
                return false;
            }

            ByteReader r = Open(content, SeqLength, SeqBlobName);
            sourceAddress = r.ReadUInt16BigEndian();
            ivIndex = r.ReadUInt32BigEndian();
            reservedUntil = (int)r.ReadUInt24BigEndian();
            return true;
        }

        /// <summary>
        /// The SEQ to start from for <paramref name="sourceAddress"/> under <paramref name="ivIndex"/>:
        /// the stored reserved-until when the record is for them, otherwise 0.
        /// </summary>
        public int ResumeSequence(int sourceAddress, uint ivIndex)
        {
            int address;
            uint storedIv;
            int reservedUntil;
            if (TryLoadSequence(out address, out storedIv, out reservedUntil) && address == sourceAddress && storedIv == ivIndex)
            {
                return reservedUntil;
            }

            return 0;
        }

        public void SaveSequence(int sourceAddress, uint ivIndex, int reservedUntil)
        {
            // 24 bits: the network layer starts an IV Update long before SEQ runs out (MshPRT §3.10.5).
            if (reservedUntil < 0 || reservedUntil > MaxSequence)
            {
                throw new System.ArgumentOutOfRangeException("reservedUntil");
            }

            byte[] content = new byte[SeqLength];
            ByteWriter w = new ByteWriter(content, 0, SeqLength);
            w.WriteByte(Version);
            w.WriteUInt16BigEndian((ushort)sourceAddress);
            w.WriteUInt32BigEndian(ivIndex);
            w.WriteUInt24BigEndian((uint)reservedUntil);
            _storage.Write(SeqBlobName, content);
        }

        private static ByteReader Open(byte[] content, int length, string name)
        {
            if (content.Length != length || content[0] != Version)
            {
                throw new ProtocolFormatException(name + ": unknown format (" + content.Length + " octets)");
            }

            ByteReader r = new ByteReader(content, 0, length);
            r.ReadByte();
            return r;
        }
    }
}
