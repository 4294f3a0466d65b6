using System;

namespace Gateway.Core.Mesh.Discovery
{
    /// <summary>Settings of the <see cref="UnprovisionedDeviceTable"/>.</summary>
    public sealed class DiscoveryOptions
    {
        public DiscoveryOptions()
        {
            Capacity = 32;
            MaxAgeMilliseconds = 60000;
            ServiceDataOobLittleEndian = false;
        }

        /// <summary>Devices remembered at once; entries are allocated up front.</summary>
        public int Capacity { get; set; }

        /// <summary>
        /// A device not heard for this long is forgotten (and reported as new if it comes back).
        /// Devices beacon every few seconds (BlueZ meshd: every other 500 ms slot), so a minute
        /// rides out quiet spells without keeping departed devices for long.
        /// </summary>
        public int MaxAgeMilliseconds { get; set; }

        /// <summary>
        /// Byte order assumed for the OOB Information in 0x1827 service data when no beacon of the
        /// device says otherwise. Default big-endian, as Zephyr-derived devices write it
        /// (<c>gatt_prov_adv_create</c>: <c>sys_put_be16</c>); true follows the MshPRT §8.5.1 sample.
        /// </summary>
        public bool ServiceDataOobLittleEndian { get; set; }

        public void Validate()
        {
            if (Capacity < 1 || Capacity > 1024)
            {
                throw new ArgumentOutOfRangeException("Capacity");
            }

            if (MaxAgeMilliseconds < 1)
            {
                throw new ArgumentOutOfRangeException("MaxAgeMilliseconds");
            }
        }
    }
}
