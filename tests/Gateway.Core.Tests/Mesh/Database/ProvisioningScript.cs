using System;
using System.Collections.Generic;
using System.Text;
using Gateway.Core.Mesh.Database;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Mesh.Database
{
    /// <summary>
    /// A provisioning-and-configuration run of the gateway against one storage, written the way
    /// the workflow uses the database: every step is one logical change and one blob write, and
    /// every step is idempotent (it looks at the stored state and does nothing when its change is
    /// already there), so after a power cut the run continues from the step that was cut.
    /// Keys come from a source seeded by the step number, so a continued run reaches the same
    /// database as an uninterrupted one. The ledger outside the storage plays the air: it sees
    /// every address handed out, every address retired and every SEQ sent.
    /// </summary>
    internal sealed class ProvisioningScript
    {
        public const int Block = 32;

        private static readonly byte[] GatewayUuid = Convert.FromHexString("A1B2C3D4E5F647898ABCDEF012345678");

        private readonly MemoryStorage _storage;
        private readonly ProvisioningLedger _ledger;
        private readonly List<Action<int>> _steps = new List<Action<int>>();
        private MeshDatabaseStore _store;
        private MeshStateStore _state;
        private uint _iv;
        private int _seq;
        private int _reservedUntil;

        public ProvisioningScript(MemoryStorage storage, ProvisioningLedger ledger)
        {
            _storage = storage;
            _ledger = ledger;
            _steps.Add(CreateNetwork);
            _steps.Add(k => AdvanceIv(k, 0));
            _steps.Add(AddAppKey);
            _steps.Add(k => Provision(k, 1, 2, true));
            _steps.Add(SendMessages);
            _steps.Add(k => Compose(k, 1));
            _steps.Add(k => NodeAppKeyAdd(k, 1));
            _steps.Add(k => Bind(k, 1));
            _steps.Add(k => Publish(k, 1));
            _steps.Add(k => MarkConfigured(k, 1));
            _steps.Add(SendMessages);
            _steps.Add(k => Provision(k, 2, 3, true));
            _steps.Add(k => Compose(k, 2));
            _steps.Add(k => MarkConfigured(k, 2));
            _steps.Add(k => Remove(k, 1));
            _steps.Add(k => Provision(k, 3, 1, false));
            _steps.Add(SendMessages);
            _steps.Add(k => AdvanceIv(k, 1));
            _steps.Add(k => Provision(k, 4, 2, false));
            _steps.Add(SendMessages);
            _steps.Add(k => AdvanceIv(k, 2));
            _steps.Add(k => Remove(k, 2));
            _steps.Add(k => Provision(k, 5, 2, false));
            _steps.Add(RestoreBackup);
            _steps.Add(SendMessages);
            _steps.Add(k => Remove(k, 3));
            _steps.Add(k => Provision(k, 6, 1, false));
            _steps.Add(SendMessages);
        }

        public int StepCount
        {
            get { return _steps.Count; }
        }

        public MeshDatabase Database
        {
            get { return _store.Current; }
        }

        /// <summary>What a reboot does: read the database and the state blobs. Throws if anything is unreadable.</summary>
        public void Boot()
        {
            _store = new MeshDatabaseStore(_storage);
            _state = new MeshStateStore(_storage);
            _store.Open();
            bool ivUpdate;
            if (!_state.TryLoadIvIndex(out _iv, out ivUpdate))
            {
                _iv = 0;
            }

            Observe();
            _seq = _store.Current == null ? 0 : _state.ResumeSequence(_store.Current.GatewayAddress, _iv);
            _reservedUntil = _seq;
        }

        public void Run(int step)
        {
            int before = _storage.WriteCount;
            _steps[step](step);
            Assert.InRange(_storage.WriteCount - before, 0, 1);
            Observe();
        }

        /// <summary>Every blob, by name: the whole persistent state.</summary>
        public static string Dump(MemoryStorage storage)
        {
            var text = new StringBuilder();
            foreach (string name in storage.List())
            {
                byte[] content;
                storage.TryRead(name, out content);
                text.Append(name).Append('=').Append(Convert.ToHexString(content)).Append('\n');
            }

            return text.ToString();
        }

        private static string Timestamp(int step)
        {
            return "2024-05-01T12:" + (step / 60).ToString("00") + ":" + (step % 60).ToString("00") + "Z";
        }

        private static byte[] Key(int step, int which)
        {
            byte[] key = new byte[16];
            new SeededRandom((step * 16) + which).NextBytes(key, 0, 16);
            return key;
        }

        private void Observe()
        {
            if (_store.Current != null)
            {
                _ledger.Observe(_store.Current, _iv);
            }
        }

        private void CreateNetwork(int step)
        {
            if (_store.Current != null)
            {
                return;
            }

            ProvisionerEntry gateway = TestNetwork.Provisioner(GatewayUuid, 0x0001, 0x0010);
            MeshNetKey netKey = new MeshNetKey(0, Key(step, 0));
            netKey.Name = "Primary";
            _store.Create(MeshDatabase.Create(Key(step, 1), "Home", gateway, netKey, Key(step, 2)), Timestamp(step));
        }

        private void AdvanceIv(int step, uint ivIndex)
        {
            uint stored;
            bool update;
            if (_state.TryLoadIvIndex(out stored, out update) && stored >= ivIndex)
            {
                return;
            }

            _state.SaveIvIndex(ivIndex, false);
            _iv = ivIndex;
            _seq = 0;
            _reservedUntil = 0;
        }

        private void AddAppKey(int step)
        {
            if (_store.Current.FindAppKey(0) != null)
            {
                return;
            }

            MeshAppKey key = new MeshAppKey(0, 0, Key(step, 0));
            key.Name = "Home App";
            _store.Current.AddAppKey(key);
            _store.Commit(Timestamp(step));
        }

        private void Provision(int step, int device, int elements, bool preferFresh)
        {
            MeshDatabase db = _store.Current;
            if (db.FindNodeByUuid(TestNetwork.DeviceUuid(device)) != null || _ledger.WasProvisioned(device))
            {
                return;
            }

            var allocator = new UnicastAllocator { PreferFreshAddresses = preferFresh };
            MeshNode node = TestNetwork.Provision(db, allocator, TestNetwork.DeviceUuid(device), elements, _iv, Key(step, 0));
            Assert.NotNull(node);
            node.Name = "Device " + device;
            _store.Commit(Timestamp(step));
            _ledger.Provisioned(device);
        }

        private MeshNode Node(int device)
        {
            return _store.Current.FindNodeByUuid(TestNetwork.DeviceUuid(device));
        }

        private void Compose(int step, int device)
        {
            MeshNode node = Node(device);
            if (node.HasComposition)
            {
                return;
            }

            var composition = new CompositionData { Cid = 0x000C, Pid = 0x001A, Vid = 0x0001, Crpl = 0x0008, Features = 0x0003 };
            for (int e = 0; e < node.ElementCount; e++)
            {
                composition.Elements.Add(new CompositionElement(0x0100 + e, new uint[] { 0x0000, 0x1000 }, e == 0 ? new uint[] { 0x003F002A } : null));
            }

            node.ApplyComposition(composition);
            _store.Commit(Timestamp(step));
        }

        private void NodeAppKeyAdd(int step, int device)
        {
            MeshNode node = Node(device);
            if (node.HasAppKey(0))
            {
                return;
            }

            node.AddAppKey(0);
            _store.Commit(Timestamp(step));
        }

        private void Bind(int step, int device)
        {
            MeshNode node = Node(device);
            MeshModel onOff = node.FindModel(0, 0x1000, false);
            if (onOff.IsBoundTo(0))
            {
                return;
            }

            onOff.AddBinding(0);
            node.FindModel(0, 0x003F002A, true).AddBinding(0);
            _store.Commit(Timestamp(step));
        }

        private void Publish(int step, int device)
        {
            MeshModel onOff = Node(device).FindModel(0, 0x1000, false);
            if (onOff.Publish != null)
            {
                return;
            }

            onOff.AddSubscription(0xC000);
            onOff.Publish = new ModelPublication { Address = 0xC001, Index = 0, Ttl = 5, PeriodSteps = 0, RetransmitCount = 1, RetransmitInterval = 100 };
            _store.Commit(Timestamp(step));
        }

        private void MarkConfigured(int step, int device)
        {
            MeshNode node = Node(device);
            if (node.ConfigComplete)
            {
                return;
            }

            node.ConfigComplete = true;
            _store.Commit(Timestamp(step));
        }

        private void Remove(int step, int device)
        {
            MeshNode node = Node(device);
            if (node == null)
            {
                return;
            }

            _store.Current.RemoveNode(node, _iv);
            _store.Commit(Timestamp(step));
        }

        /// <summary>The gateway restores its own backup: same provisioner, new address, old one retired.</summary>
        private void RestoreBackup(int step)
        {
            if (_store.Current.MeshName == "Home restored")
            {
                return;
            }

            byte[] backup = _store.ReadBlob();
            var options = new CdbImportOptions(GatewayUuid, "Gateway", Key(step, 0), _iv);
            MeshDatabase restored = CdbImporter.Import(backup, 0, backup.Length, MeshDatabaseStore.DefaultMaxBlobBytes, options);
            restored.MeshName = "Home restored";
            _store.Replace(restored, Timestamp(step));
            _seq = _state.ResumeSequence(restored.GatewayAddress, _iv);
            _reservedUntil = _seq;
        }

        /// <summary>Store-ahead: reserve a block before sending from it (one write), then use all of it.</summary>
        private void SendMessages(int step)
        {
            int source = _store.Current.GatewayAddress;
            _state.SaveSequence(source, _iv, _seq + Block);
            _reservedUntil = _seq + Block;
            for (int i = 0; i < Block; i++)
            {
                _ledger.Sent(source, _iv, _seq++);
            }
        }
    }
}
