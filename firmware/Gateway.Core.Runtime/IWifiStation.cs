namespace Gateway.Core.Runtime
{
    /// <summary>
    /// Status of the gateway's Wi-Fi station interface, read-only (DESIGN.md §3 "Wi-Fi station").
    /// The zero-config registrar only works while the station is connected to the home AP
    /// (reference/alibaba-provisioning.md §1.2, HAL_Sys_Net_Is_Ready), and it sends and listens
    /// on the AP's channel. Device: <c>NetworkInterface</c>/<c>WifiNetworkHelper</c> tell whether
    /// the station has an address; the channel needs <c>esp_wifi_sta_get_ap_info</c> (primary)
    /// through the native add-on. Host: the virtual access point of tools/Gateway.Simulation.
    /// </summary>
    public interface IWifiStation
    {
        /// <summary>True while associated with the AP and holding an IP address.</summary>
        bool IsConnected { get; }

        /// <summary>The AP's primary channel, 1..13; 0 when not connected.</summary>
        int Channel { get; }
    }
}
