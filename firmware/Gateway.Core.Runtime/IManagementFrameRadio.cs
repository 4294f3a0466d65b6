namespace Gateway.Core.Runtime
{
    /// <summary>
    /// The 802.11 management frames a vendor element can arrive in. The values are the frame
    /// control subtypes of IEEE 802.11-2020 §9.2.4.1.3 (type 0, management); they are stable.
    /// </summary>
    public enum ManagementFrameType
    {
        ProbeRequest = 4,
        ProbeResponse = 5,
        Beacon = 8,
    }

    /// <summary>
    /// Called for every received management frame that carries a vendor-specific element
    /// (element id 221) with the filtered OUI. <paramref name="element"/> holds that whole element
    /// (id, length, OUI, OUI type, body) at <paramref name="offset"/>; the buffer belongs to the
    /// radio and is reused after the call returns, so copy what you keep. <paramref name="source"/>
    /// is the transmitter address (SA), most significant octet first, 48 bits.
    /// </summary>
    public delegate void VendorElementReceivedHandler(ulong source, int channel, int rssi, ManagementFrameType frameType, byte[] element, int offset, int length);

    /// <summary>
    /// 802.11 management-frame port (DESIGN.md §3): what the zero-config registrar and enrollee
    /// need of raw Wi-Fi, and no more (reference/alibaba-provisioning.md §1.2: the SDK's
    /// HAL_Wifi_Enable_Mgmt_Frame_Filter and HAL_Wifi_Send_80211_Raw_Frame).
    /// <para>
    /// ESP32: stock nanoFramework has neither direction, so this needs the native add-on.
    /// Receive: <c>esp_wifi_set_promiscuous_filter(WIFI_PROMIS_FILTER_MASK_MGMT)</c> and
    /// <c>esp_wifi_set_promiscuous_rx_cb</c> (while the station is connected the radio stays on the
    /// AP's channel), the native callback walks the elements after the 24-octet header (beacons:
    /// after the 12 fixed octets too), copies a matching vendor element into one pre-allocated
    /// buffer and posts it to the managed scheduler thread (ESP-ALI uses the private
    /// <c>esp_wifi_set_sta_rx_probe_req</c> hook instead and finds the element at offset 42).
    /// Send: the native side prepends the probe-request template (frame control 0x40, DA and
    /// BSSID broadcast, SA = own MAC, wildcard SSID, 11b/g rates; §1.1) and calls
    /// <c>esp_wifi_80211_tx(WIFI_IF_STA, frame, length, true)</c> on the current channel.
    /// </para>
    /// Host: the virtual Wi-Fi medium of tools/Gateway.Simulation.
    /// </summary>
    public interface IManagementFrameRadio
    {
        /// <summary>
        /// Delivers beacons, probe requests and probe responses carrying a vendor element with
        /// <paramref name="oui"/> (24 bits, e.g. 0xD896E0) to <paramref name="handler"/>; a null
        /// handler turns the filter off. One filter at a time: a new call replaces the last one.
        /// </summary>
        void SetVendorElementFilter(int oui, VendorElementReceivedHandler handler);

        /// <summary>
        /// Sends one probe request carrying <paramref name="element"/> (one whole vendor element,
        /// at most 255 octets) on the current channel. The radio copies the octets before it
        /// returns. Returns false when the frame could not be queued (radio off or busy).
        /// </summary>
        bool SendProbeRequest(byte[] element, int offset, int length);
    }
}
