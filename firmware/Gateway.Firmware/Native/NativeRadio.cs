using System.Runtime.CompilerServices;

namespace Gateway.Firmware.Native
{
    /// <summary>
    /// The managed side of the native radio add-on: C++ in a custom nanoCLR image (nanoFramework
    /// Interop; docs/FIRMWARE.md "Native add-on contract"), needed for what stock nanoFramework
    /// cannot do: non-connectable advertising of raw AD structures with continuous scanning
    /// (PB-ADV, Mesh beacons; nanoframework.md §1.9) and 802.11 vendor-IE frames (zero-config).
    /// The native assembly must be registered under this assembly's name with the checksum the
    /// metadata processor computes for these declarations. In a stock image the methods have no
    /// implementation: calling one throws <c>NotSupportedException</c> (the interpreter's
    /// CLR_E_NOT_SUPPORTED for an InternalCall method without native code), which
    /// <see cref="NativeRadioProbe"/> turns into "feature off".
    /// Received packets are queued natively; a <c>NativeEventDispatcher</c> named
    /// <see cref="DriverName"/> raises OnInterrupt(data1 = <see cref="EventAdvertisement"/> or
    /// <see cref="EventFrame"/>) and managed code drains the queue with the Read methods.
    /// </summary>
    public static class NativeRadio
    {
        /// <summary>Name of the native event source (NativeEventDispatcher driver name).</summary>
        public const string DriverName = "GatewayRadio";

        /// <summary>Capability bit: raw advertising (send ADV_NONCONN_IND) and duplicate-free scanning.</summary>
        public const int CapabilityAdvertising = 0x01;

        /// <summary>Capability bit: 802.11 management frames with vendor IEs (send and receive).</summary>
        public const int CapabilityWifiFrames = 0x02;

        /// <summary>OnInterrupt data1: advertisements are waiting.</summary>
        public const uint EventAdvertisement = 1;

        /// <summary>OnInterrupt data1: 802.11 frames are waiting.</summary>
        public const uint EventFrame = 2;

        /// <summary>True when the add-on is compiled into this image and its radio is ready.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern bool IsAvailable();

        /// <summary>The Capability* bits this image supports.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int GetCapabilities();

        /// <summary>Starts passive scanning without duplicate filtering; 0 or a negative error code.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int StartScan();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void StopScan();

        /// <summary>
        /// Queues one ADV_NONCONN_IND carrying <paramref name="length"/> octets of AD structures
        /// (at most 31), sent <paramref name="transmitCount"/> times <paramref name="intervalMilliseconds"/>
        /// apart; the data is copied before the call returns. 0 or a negative error code (-1 queue full).
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int SendAdvertisement(byte[] data, int offset, int length, int transmitCount, int intervalMilliseconds);

        /// <summary>Takes the oldest received advertisement into <paramref name="buffer"/>; its length, or 0 when none waits.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int ReadAdvertisement(byte[] buffer, out ulong address, out int rssi);

        /// <summary>Sends one 802.11 management frame (header included) on <paramref name="channel"/>; 0 or a negative error code.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int SendFrame(byte[] frame, int offset, int length, int channel);

        /// <summary>Takes the oldest received frame that carries a vendor IE the add-on was told to keep; its length, or 0.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int ReadFrame(byte[] buffer, out int rssi, out int channel);
    }
}
