namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// The Alibaba vendor-specific element of zero-config (reference/alibaba-provisioning.md §1.1,
    /// §1.3; iotkit-embedded awss_enrollee.h): element id 221, OUI D8-96-E0, an OUI type that says
    /// who sent it, then a version/device-type octet.
    /// </summary>
    public static class AwssVendorElement
    {
        /// <summary>Vendor Specific element id (IEEE 802.11-2020 §9.4.2.25).</summary>
        public const byte ElementId = 221;

        /// <summary>Alibaba's OUI D8-96-E0 as a 24-bit number (WLAN_OUI_ALIBABA).</summary>
        public const int Oui = 0xD896E0;

        /// <summary>OUI type of the enrollee's request (§1.1).</summary>
        public const byte OuiTypeEnrollee = 0xAA;

        /// <summary>OUI type of the registrar's response (§1.3).</summary>
        public const byte OuiTypeRegistrar = 0xAB;

        /// <summary>OUI type of the newer SDK's mode-switch element (§1.4); the registrar ignores it.</summary>
        public const byte OuiTypeModeSwitch = 0xAC;

        /// <summary>High nibble version 0, low nibble device type alink_cloud (1): the only value either side accepts.</summary>
        public const byte DeviceTypeVersion = 0x01;

        /// <summary>frame_type of the enrollee's element.</summary>
        public const byte EnrolleeFrameType = 0;

        /// <summary>frame_type of the registrar's element.</summary>
        public const byte RegistrarFrameType = 1;

        /// <summary>Element id, length, OUI (3) and OUI type.</summary>
        public const int HeaderLength = 6;

        /// <summary>
        /// Whether the octets start an Alibaba element of <paramref name="ouiType"/>: id 221, the OUI
        /// and the type (the length octet is the decoder's business). Reads six octets and allocates
        /// nothing, so the receive path drops foreign frames for free.
        /// </summary>
        public static bool HasType(byte[] buffer, int offset, int length, byte ouiType)
        {
            if (buffer == null || offset < 0 || length < HeaderLength || offset > buffer.Length - length)
            {
                return false;
            }

            return buffer[offset] == ElementId
                && buffer[offset + 2] == 0xD8
                && buffer[offset + 3] == 0x96
                && buffer[offset + 4] == 0xE0
                && buffer[offset + 5] == ouiType;
        }
    }
}
