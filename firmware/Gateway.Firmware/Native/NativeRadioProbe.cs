using System;
using Gateway.Core.Runtime;

namespace Gateway.Firmware.Native
{
    /// <summary>
    /// Finds out at start-up whether the native radio add-on is in this firmware image. Without it
    /// (the stock nanoFramework images) PB-ADV, Mesh beacons sent by the gateway and the 802.11
    /// zero-config frames are off, and the log says so in one line; PB-GATT and the GATT Proxy
    /// work either way.
    /// </summary>
    public static class NativeRadioProbe
    {
        private const string Component = "native-radio";

        /// <summary>The capability bits of the add-on, or 0 when it is absent (logged once).</summary>
        public static int Probe(ILog log)
        {
            try
            {
                if (!NativeRadio.IsAvailable())
                {
                    log.Write(LogLevel.Warning, Component, "add-on present but its radio is not ready: PB-ADV and 802.11 frames off");
                    return 0;
                }

                int capabilities = NativeRadio.GetCapabilities();
                log.Write(LogLevel.Information, Component, "add-on present, capabilities 0x" + capabilities.ToString("X2")
                    + ((capabilities & NativeRadio.CapabilityAdvertising) != 0 ? " (PB-ADV on)" : " (PB-ADV off)")
                    + ((capabilities & NativeRadio.CapabilityWifiFrames) != 0 ? " (802.11 frames on)" : " (802.11 frames off)"));
                return capabilities;
            }
            catch (NotSupportedException)
            {
                // An InternalCall without native code in this image: CLR_E_NOT_SUPPORTED. (The device's
                // mscorlib has no MissingMethodException; anything else lands below.)
                log.Write(LogLevel.Information, Component, "absent in this firmware image: PB-ADV and 802.11 frames off, PB-GATT only");
                return 0;
            }
            catch (Exception e)
            {
                log.Write(LogLevel.Information, Component, "absent (" + ((object)e).GetType().Name + "): PB-ADV and 802.11 frames off, PB-GATT only");
                return 0;
            }
        }
    }
}
