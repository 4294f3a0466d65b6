using System;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// The advertising bearer (MshPRT §3.3.1; reference/ble-mesh.md §3.1): a Network PDU travels
    /// as the AD structure «Mesh Message» (0x2A) and a beacon as «Mesh Beacon» (0x2B) in
    /// non-connectable advertising. Needs the native radio add-on on the device (stock
    /// nanoFramework cannot send ADV_NONCONN_IND). Every advertisement heard passes through
    /// <see cref="OnAdvertisement"/>: anything without those AD types costs a scan of its AD
    /// structures and nothing else (no allocation, no exception).
    /// </summary>
    public sealed class AdvertisingNetworkBearer : INetworkBearer
    {
        public const byte MeshMessageAdType = 0x2A;
        public const byte MeshBeaconAdType = 0x2B;

        /// <summary>Largest legacy advertising payload.</summary>
        private const int MaxAdvertisingData = 31;

        private readonly IAdvertisingRadio _radio;
        private readonly IAdvertisingRadio _beaconRadio;
        private readonly int _transmitCount;
        private readonly int _intervalMilliseconds;
        private readonly byte[] _advert = new byte[MaxAdvertisingData];
        private readonly AdvertisementReceivedHandler _handler;
        private INetworkBearerReceiver _receiver;

        /// <param name="transmitCount">Transmissions of each PDU (the Network Transmit state, MshPRT §4.2.20: Zephyr sends 3).</param>
        /// <param name="intervalMilliseconds">Interval between them (20 ms minimum for non-connectable advertising).</param>
        public AdvertisingNetworkBearer(IAdvertisingRadio radio, int transmitCount, int intervalMilliseconds)
            : this(radio, null, transmitCount, intervalMilliseconds)
        {
        }

        /// <param name="beaconRadio">Where beacons go (e.g. their own lane of an <see cref="AdvertisingScheduler"/>); null: the same radio as Network PDUs.</param>
        public AdvertisingNetworkBearer(IAdvertisingRadio radio, IAdvertisingRadio beaconRadio, int transmitCount, int intervalMilliseconds)
        {
            if (radio == null)
            {
                throw new ArgumentNullException("radio");
            }

            if (transmitCount < 1 || transmitCount > 8 || intervalMilliseconds < 10)
            {
                throw new ArgumentOutOfRangeException("transmitCount");
            }

            _radio = radio;
            _beaconRadio = beaconRadio == null ? radio : beaconRadio;
            _transmitCount = transmitCount;
            _intervalMilliseconds = intervalMilliseconds;
            _handler = OnAdvertisement;
        }

        public bool IsReady
        {
            get { return true; }
        }

        /// <summary>Advertisements that carried a Mesh Message or Mesh Beacon.</summary>
        public long MeshAdvertisementsReceived { get; private set; }

        /// <summary>Advertisements without either AD type (other devices, PB-ADV, unprovisioned beacons).</summary>
        public long OtherAdvertisementsIgnored { get; private set; }

        /// <summary>
        /// Makes this bearer the radio's receiver. A gateway that also listens for unprovisioned
        /// devices fans the radio out itself and calls <see cref="OnAdvertisement"/> instead.
        /// </summary>
        public void Listen()
        {
            _radio.SetReceiver(_handler);
        }

        public void Send(byte[] pdu, int offset, int count)
        {
            SendStructure(_radio, MeshMessageAdType, pdu, offset, count);
        }

        public void SendBeacon(byte[] beacon, int offset, int count)
        {
            SendStructure(_beaconRadio, MeshBeaconAdType, beacon, offset, count);
        }

        public void SetReceiver(INetworkBearerReceiver receiver)
        {
            _receiver = receiver;
        }

        /// <summary>One advertisement from the radio (AD structures). Never throws for bad bytes.</summary>
        public void OnAdvertisement(ulong address, int rssi, byte[] data, int offset, int length)
        {
            int valueOffset;
            int valueLength;
            bool mesh = false;
            if (AdStructures.TryFind(data, offset, length, MeshMessageAdType, out valueOffset, out valueLength))
            {
                mesh = true;
                if (_receiver != null)
                {
                    _receiver.OnNetworkPdu(this, data, valueOffset, valueLength);
                }
            }

            if (AdStructures.TryFind(data, offset, length, MeshBeaconAdType, out valueOffset, out valueLength))
            {
                mesh = true;
                if (_receiver != null && valueLength > 0)
                {
                    _receiver.OnBeacon(this, data, valueOffset, valueLength);
                }
            }

            if (mesh)
            {
                MeshAdvertisementsReceived++;
            }
            else
            {
                OtherAdvertisementsIgnored++;
            }
        }

        private void SendStructure(IAdvertisingRadio radio, byte adType, byte[] data, int offset, int count)
        {
            if (data == null || count < 1 || count > MaxAdvertisingData - 2 || offset < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            _advert[0] = (byte)(count + 1);
            _advert[1] = adType;
            Array.Copy(data, offset, _advert, 2, count);
            radio.Send(_advert, 0, count + 2, _transmitCount, _intervalMilliseconds);
        }
    }
}
