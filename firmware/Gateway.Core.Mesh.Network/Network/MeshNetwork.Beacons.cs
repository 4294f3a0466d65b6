using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>Raised for every authenticated Secure Network beacon (after the IV Index state took it into account).</summary>
    public delegate void SecureNetworkBeaconHandler(SecureNetworkBeacon beacon);

    /// <summary>Secure Network beacons, the IV Update procedure and proxy configuration security.</summary>
    public sealed partial class MeshNetwork
    {
        /// <summary>IV Index Recovery accepts jumps of at most 42 (MshPRT §3.11.5.1).</summary>
        public const int MaxIvIndexRecovery = 42;

        private readonly SecureNetworkBeacon _beacon;
        private readonly byte[] _beaconBuffer;
        private readonly NetworkPduCodec _proxyCodec = new NetworkPduCodec();

        public event SecureNetworkBeaconHandler SecureNetworkBeaconReceived;

        /// <summary>Raised when a bearer reports it became ready (a proxy connection is up).</summary>
        public event System.Action BearerReady;

        public void OnBeacon(INetworkBearer bearer, byte[] beacon, int offset, int count)
        {
            // Only Secure Network beacons concern the network layer; others are not ours.
            if (beacon == null || offset < 0 || count < 1 || offset > beacon.Length - count || beacon[offset] != SecureNetworkBeacon.BeaconType)
            {
                return;
            }

            if (!_started || !_beacon.TryParse(_keys, beacon, offset, count))
            {
                Statistics.BeaconsRejected++;
                return;
            }

            Statistics.BeaconsAccepted++;
            ApplyBeaconIvIndex(_beacon.IvIndex, _beacon.IvUpdate);
            SecureNetworkBeaconHandler handler = SecureNetworkBeaconReceived;
            if (handler != null)
            {
                handler(_beacon);
            }
        }

        public void OnBearerReady(INetworkBearer bearer)
        {
            System.Action handler = BearerReady;
            if (handler != null)
            {
                handler();
            }
        }

        /// <summary>
        /// Enters IV Update in Progress with IV Index + 1 (MshPRT §3.11.5): we keep sending with the
        /// old IV Index and SEQ until <see cref="CompleteIvUpdate"/>, and announce it in beacons.
        /// </summary>
        public void StartIvUpdate()
        {
            if (_seq.IvUpdateInProgress)
            {
                return;
            }

            _seq.ChangeIvIndex(_seq.IvIndex + 1, true, false);
            _log.Write(LogLevel.Information, Component, "IV Update started: IV Index " + _seq.IvIndex);
            SendSecureNetworkBeacons();
        }

        /// <summary>Returns to Normal Operation: the new IV Index is used to send and SEQ restarts at 0 (MshPRT §3.11.5).</summary>
        public void CompleteIvUpdate()
        {
            if (!_seq.IvUpdateInProgress)
            {
                return;
            }

            _seq.ChangeIvIndex(_seq.IvIndex, false, true);
            PruneReplayList();
            _log.Write(LogLevel.Information, Component, "IV Update complete: IV Index " + _seq.IvIndex);
            SendSecureNetworkBeacons();
        }

        /// <summary>Sends a Secure Network beacon of every NetKey on every ready bearer.</summary>
        public void SendSecureNetworkBeacons()
        {
            int flags = _seq.IvUpdateInProgress ? SecureNetworkBeacon.FlagIvUpdate : 0;
            for (int k = 0; k < _keys.NetworkKeyCount; k++)
            {
                NetworkKeyMaterial key = _keys.GetNetworkKeyAt(k);
                if (!key.HasBeaconKeys)
                {
                    continue;
                }

                int length = _beacon.Write(key, flags, _seq.IvIndex, _beaconBuffer, 0);
                for (int i = 0; i < _bearers.Count; i++)
                {
                    INetworkBearer bearer = (INetworkBearer)_bearers[i];
                    if (bearer.IsReady)
                    {
                        bearer.SendBeacon(_beaconBuffer, 0, length);
                    }
                }
            }
        }

        /// <summary>
        /// Follows the IV Index of the network (MshPRT §3.11.5). The 96-hour minimum durations
        /// between transitions are not enforced here: the beacon is authenticated with our NetKey,
        /// and the gateway is normally the node that starts IV Updates.
        /// </summary>
        private void ApplyBeaconIvIndex(uint ivIndex, bool ivUpdate)
        {
            uint current = _seq.IvIndex;
            if (ivIndex < current || ivIndex - current > MaxIvIndexRecovery)
            {
                return;
            }

            if (ivIndex == current)
            {
                if (_seq.IvUpdateInProgress && !ivUpdate)
                {
                    CompleteIvUpdate();
                }

                return;
            }

            // A newer IV Index: IV Update (+1 with the flag) or IV Index Recovery. SEQ restarts
            // unless the IV Index we send with stays the same (entering an update from current).
            uint transmitBefore = TransmitIvIndex;
            uint transmitAfter = ivUpdate ? ivIndex - 1 : ivIndex;
            _seq.ChangeIvIndex(ivIndex, ivUpdate, transmitAfter != transmitBefore);
            PruneReplayList();
            _log.Write(LogLevel.Information, Component, "IV Index " + ivIndex + (ivUpdate ? " (update in progress)" : "") + " from a beacon");
        }

        private void PruneReplayList()
        {
            // Messages older than IV Index − 1 are refused by the network layer anyway.
            uint oldest = _seq.IvIndex == 0 ? 0 : _seq.IvIndex - 1;
            if (_rpl.PruneBefore(oldest) > 0)
            {
                try
                {
                    _rpl.Persist();
                }
                catch (StorageException e)
                {
                    _log.Write(LogLevel.Error, Component, "cannot store the replay protection list: " + e.Message);
                }
            }
        }

        public int EncodeProxyConfiguration(byte[] message, int offset, int count, byte[] output, int outputOffset)
        {
            NetworkKeyMaterial key = _keys.FindNetworkKey(_options.PrimaryNetKeyIndex);
            if (key == null && _keys.NetworkKeyCount > 0)
            {
                key = _keys.GetNetworkKeyAt(0);
            }

            if (key == null)
            {
                return -1;
            }

            int seq = AllocateSeq();
            if (seq < 0)
            {
                return -1;
            }

            // MshPRT §6.6: CTL = 1, TTL = 0, DST = unassigned, proxy nonce.
            return _proxyCodec.Encode(key, TransmitIvIndex, true, 0, seq, _primaryAddress, MeshAddress.Unassigned,
                message, offset, count, true, output, outputOffset);
        }

        public bool TryDecodeProxyConfiguration(byte[] pdu, int offset, int count, out byte[] buffer, out int messageOffset, out int messageLength)
        {
            buffer = null;
            messageOffset = 0;
            messageLength = 0;
            int nid = NetworkPduCodec.PeekNid(pdu, offset, count);
            if (nid < 0 || !_started)
            {
                return false;
            }

            uint ivIndex = ReceiveIvIndex(NetworkPduCodec.PeekIvi(pdu, offset));
            if (!TryDecode(_proxyCodec, nid, ivIndex, true, pdu, offset, count))
            {
                return false;
            }

            if (!_proxyCodec.Ctl || _proxyCodec.Dst != MeshAddress.Unassigned || !MeshAddress.IsUnicast(_proxyCodec.Src))
            {
                return false;
            }

            buffer = _proxyCodec.TransportBuffer;
            messageOffset = _proxyCodec.TransportOffset;
            messageLength = _proxyCodec.TransportLength;
            return true;
        }
    }
}
