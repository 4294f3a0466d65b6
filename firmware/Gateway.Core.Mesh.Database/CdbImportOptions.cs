namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// Who the gateway is when it imports a CDB (<see cref="CdbImporter.Import"/>): its provisioner
    /// UUID (keep it stable: importing a backup that already lists it re-adopts that entry), the
    /// name for a new provisioner entry, a fresh device key for a new gateway node (from the
    /// hardware RNG), and the IV Index current now, under which a previous gateway address is
    /// retired. The CDB carries no IV Index (ble-mesh.md §4.8): pass the stored one, or the one a
    /// Secure Network beacon announced.
    /// </summary>
    public sealed class CdbImportOptions
    {
        public CdbImportOptions(byte[] provisionerUuid, string provisionerName, byte[] deviceKey, uint ivIndex)
        {
            ProvisionerUuid = provisionerUuid;
            ProvisionerName = provisionerName;
            DeviceKey = deviceKey;
            IvIndex = ivIndex;
        }

        public byte[] ProvisionerUuid { get; }

        public string ProvisionerName { get; }

        public byte[] DeviceKey { get; }

        public uint IvIndex { get; }
    }
}
