using Gateway.Core.Crypto;
using Gateway.Core.DeviceTests.Support;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;

namespace Gateway.Core.DeviceTests.Mesh.Provisioning
{
    /// <summary>
    /// A <see cref="ProvisionerSession"/> and a <see cref="DeviceSession"/> joined by two in-memory
    /// links, with the MshPRT §8.7 key pairs and whatever randoms the test queues. The person in the
    /// loop of Output/Input OOB is played by posted work (what the device shows is typed on the other side).
    /// </summary>
    internal sealed class SessionPair : IProvisionerEvents, IDeviceProvisioningEvents
    {
        private string _shownByDevice;

        public SessionPair(string capabilities, byte[] deviceStaticOob, ProvisioningRequest request)
        {
            Scheduler = new VirtualTimeScheduler();
            Log = new CapturingLog();
            ProvisionerRandom = new ScriptedRandom(23);
            DeviceRandom = new ScriptedRandom(21);
            byte[] uuid = Hex.Decode(ProvisioningSamples.DeviceUuid);
            ProvisionerKeys = new FixedKeyWorker(Scheduler, 24, ProvisioningSamples.ProvisionerPrivateKey);
            DeviceKeys = new FixedKeyWorker(Scheduler, 22, ProvisioningSamples.DevicePrivateKey);
            ProvisioningContext deviceContext = new ProvisioningContext(Scheduler, DeviceRandom, DeviceKeys, new ManagedAes128(), Log, null);
            Device = new DeviceSession(deviceContext, ProvisioningCapabilities.Parse(Hex.Decode(capabilities), 0, 11), deviceStaticOob, this);
            ProvisioningContext provisionerContext = new ProvisioningContext(Scheduler, ProvisionerRandom, ProvisionerKeys, new ManagedAes128(), Log, null);
            Provisioner = new ProvisionerSession(provisionerContext, uuid, request, this);
            DeviceLink = new MemoryLink(Scheduler, ProvisioningRole.Device, uuid);
            DeviceLink.Handler = Device;
            ProvisionerLink = new MemoryLink(Scheduler, ProvisioningRole.Provisioner, uuid);
            ProvisionerLink.Handler = Provisioner;
            MemoryLink.Connect(ProvisionerLink, DeviceLink);
            Address = ProvisioningSamples.UnicastAddress;
        }

        /// <summary>The primary unicast address the provisioner's owner hands out.</summary>
        public int Address { get; set; }

        public VirtualTimeScheduler Scheduler { get; private set; }

        public CapturingLog Log { get; private set; }

        public ScriptedRandom ProvisionerRandom { get; private set; }

        public ScriptedRandom DeviceRandom { get; private set; }

        public FixedKeyWorker ProvisionerKeys { get; private set; }

        public FixedKeyWorker DeviceKeys { get; private set; }

        public ProvisionerSession Provisioner { get; private set; }

        public DeviceSession Device { get; private set; }

        public MemoryLink ProvisionerLink { get; private set; }

        public MemoryLink DeviceLink { get; private set; }

        public int ProvisionerEnded { get; private set; }

        public int DeviceEnded { get; private set; }

        public int Provisioned { get; private set; }

        public int AssignedElements { get; private set; }

        /// <summary>Starts both sessions and runs until both have ended and both links are closed (or 300 s of virtual time).</summary>
        public bool Run()
        {
            Device.Start(DeviceLink);
            Provisioner.Start(ProvisionerLink);
            return Scheduler.RunUntil(Ended, 300000);
        }

        public static ProvisioningRequest SampleRequest()
        {
            return new ProvisioningRequest(Hex.Decode(ProvisioningSamples.NetKey), ProvisioningSamples.KeyIndex, ProvisioningSamples.IvIndex);
        }

        public bool TryAssignAddress(ProvisionerSession session, int elementCount, out int unicastAddress)
        {
            AssignedElements = elementCount;
            unicastAddress = Address;
            return true;
        }

        public void OnOutputOobRequired(ProvisionerSession session, OutputOobAction action, int size)
        {
            string shown = _shownByDevice;
            Scheduler.Post(() => session.SupplyOutputOob(shown));
        }

        public void OnInputOobDisplay(ProvisionerSession session, InputOobAction action, string value)
        {
            DeviceSession device = Device;
            Scheduler.Post(() => device.SupplyInputOob(value));
        }

        public bool OnSendingProvisioningData(ProvisionerSession session)
        {
            return true;
        }

        public void OnProvisioned(ProvisionerSession session)
        {
            Provisioned++;
        }

        public void OnEnded(ProvisionerSession session)
        {
            ProvisionerEnded++;
        }

        public void OnAttention(int seconds)
        {
        }

        public void OnOutputOobShow(OutputOobAction action, string value)
        {
            _shownByDevice = value;
        }

        public void OnInputOobRequested(InputOobAction action, int size)
        {
        }

        public void OnEnded(DeviceSession session)
        {
            DeviceEnded++;
        }

        private bool Ended()
        {
            return Provisioner.IsEnded && Device.IsEnded
                && ProvisionerLink.State == ProvisioningLinkState.Closed && DeviceLink.State == ProvisioningLinkState.Closed;
        }
    }
}
