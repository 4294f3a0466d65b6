using System.Collections.Generic;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Mesh.Provisioning
{
    /// <summary>Key agreement worker that hands out fixed private keys in order (spec sample data), then random ones.</summary>
    internal sealed class FixedKeyWorker : IKeyAgreementWorker
    {
        private readonly IScheduler _scheduler;
        private readonly ManagedKeyAgreement _p256 = new ManagedKeyAgreement();
        private readonly Queue<byte[]> _privateKeys = new Queue<byte[]>();
        private readonly SeededRandom _random;

        public FixedKeyWorker(IScheduler scheduler, long seed = 11, params string[] privateKeysHex)
        {
            _scheduler = scheduler;
            _random = new SeededRandom(seed);
            foreach (string hex in privateKeysHex)
            {
                _privateKeys.Enqueue(Hex.Decode(hex));
            }
        }

        public List<P256KeyPair> Issued { get; } = new List<P256KeyPair>();

        /// <summary>When set, the next key pair handed out is this one (to reflect a peer's key).</summary>
        public P256KeyPair Override { get; set; }

        public void RequestKeyPair(KeyPairReadyHandler ready)
        {
            _scheduler.Post(() =>
            {
                P256KeyPair pair = Override ?? (_privateKeys.Count > 0 ? _p256.CreateKeyPair(_privateKeys.Dequeue()) : _p256.GenerateKeyPair(_random));
                Override = null;
                Issued.Add(pair);
                ready(pair);
            });
        }

        public void RequestSharedSecret(P256KeyPair own, byte[] peerPublicKey, SharedSecretReadyHandler ready)
        {
            _scheduler.Post(() =>
            {
                var secret = new byte[32];
                bool ok = _p256.TryComputeSharedSecret(own, peerPublicKey, 0, secret, 0);
                ready(ok, ok ? secret : null);
            });
        }
    }

    /// <summary>Records what a provisioner session asks of its owner; answers OOB with a scripted value.</summary>
    internal sealed class RecordingProvisionerEvents : IProvisionerEvents
    {
        public int NextAddress { get; set; } = 0x0b0c;

        public bool RefuseAddresses { get; set; }

        public string OutputOobAnswer { get; set; }

        public string InputOobShown { get; private set; }

        public int ProvisionedCount { get; private set; }

        public int EndedCount { get; private set; }

        public List<string> Events { get; } = new List<string>();

        public bool TryAssignAddress(ProvisionerSession session, int elementCount, out int unicastAddress)
        {
            unicastAddress = NextAddress;
            Events.Add("assign " + elementCount);
            return !RefuseAddresses;
        }

        public void OnOutputOobRequired(ProvisionerSession session, OutputOobAction action, int size)
        {
            Events.Add("output-oob " + (int)action + " " + size);
            if (OutputOobAnswer != null)
            {
                session.SupplyOutputOob(OutputOobAnswer);
            }
        }

        public void OnInputOobDisplay(ProvisionerSession session, InputOobAction action, string value)
        {
            Events.Add("input-oob " + (int)action);
            InputOobShown = value;
        }

        public bool RefuseToStoreNode { get; set; }

        public bool OnSendingProvisioningData(ProvisionerSession session)
        {
            Events.Add("sending-data");
            return !RefuseToStoreNode;
        }

        public void OnProvisioned(ProvisionerSession session)
        {
            ProvisionedCount++;
            Events.Add("provisioned");
        }

        public void OnEnded(ProvisionerSession session)
        {
            EndedCount++;
            Events.Add("ended " + session.Outcome);
        }
    }

    /// <summary>Records a device session's events; can type a value for Input OOB.</summary>
    internal sealed class RecordingDeviceEvents : IDeviceProvisioningEvents
    {
        public string OutputShown { get; private set; }

        public System.Func<string> InputOobTyper { get; set; }

        public DeviceSession Session { get; set; }

        public int EndedCount { get; private set; }

        public void OnAttention(int seconds)
        {
        }

        public void OnOutputOobShow(OutputOobAction action, string value)
        {
            OutputShown = value;
        }

        public void OnInputOobRequested(InputOobAction action, int size)
        {
            if (InputOobTyper != null)
            {
                Session.SupplyInputOob(InputOobTyper());
            }
        }

        public void OnEnded(DeviceSession session)
        {
            EndedCount++;
        }
    }
}
