using System;

namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>PB-GATT settings (MshPRT §5.2.2, §6.3.2; reference/ble-mesh.md §1.8 and §3.2).</summary>
    public sealed class PbGattOptions
    {
        public PbGattOptions()
        {
            MaxPduSize = PbAdvOptions.DefaultMaxPduSize;
            LinkEstablishmentTimeoutMilliseconds = 60000;
            SarTimeoutMilliseconds = 20000;
        }

        /// <summary>Largest Provisioning PDU sent or reassembled (the Proxy SAR buffer size).</summary>
        public int MaxPduSize { get; set; }

        /// <summary>Provisioner: give up when the GATT link is not up (CCCD enabled) within this time (MshPRT §5.2.2: 60 s).</summary>
        public int LinkEstablishmentTimeoutMilliseconds { get; set; }

        /// <summary>Drop the link when a segmented Proxy PDU stalls this long (MshPRT §6.3.2.2: 20 s).</summary>
        public int SarTimeoutMilliseconds { get; set; }

        public void Validate()
        {
            if (MaxPduSize < 1 || MaxPduSize > 4096)
            {
                throw new ArgumentOutOfRangeException("MaxPduSize");
            }

            if (LinkEstablishmentTimeoutMilliseconds < 1)
            {
                throw new ArgumentOutOfRangeException("LinkEstablishmentTimeoutMilliseconds");
            }

            if (SarTimeoutMilliseconds < 1)
            {
                throw new ArgumentOutOfRangeException("SarTimeoutMilliseconds");
            }
        }
    }
}
