using Gateway.Core.Runtime;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>Receive path: Network PDU → lower transport → upper transport → access handlers.</summary>
    public sealed partial class MeshNetwork
    {
        private readonly NetworkPduCodec _rxCodec;
        private readonly UpperTransportCrypto _upper;
        private readonly byte[] _access;
        private readonly ReceivedAccessMessage _received;
        private int _accessLength;

        /// <summary>
        /// One Network PDU from a bearer. Picks candidate NetKeys by NID and the IV Index by IVI
        /// (MshPRT §3.4.6.3, §3.11.5), so a PDU of another network is rejected after one
        /// comparison per key, without decryption and without allocating. Never throws for bad bytes.
        /// </summary>
        public void OnNetworkPdu(INetworkBearer bearer, byte[] pdu, int offset, int count)
        {
            Statistics.NetworkPdusReceived++;
            int nid = NetworkPduCodec.PeekNid(pdu, offset, count);
            if (nid < 0)
            {
                Statistics.DroppedMalformed++;
                return;
            }

            if (!_started)
            {
                return;
            }

            uint ivIndex = ReceiveIvIndex(NetworkPduCodec.PeekIvi(pdu, offset));
            if (!TryDecode(_rxCodec, nid, ivIndex, false, pdu, offset, count))
            {
                Statistics.DroppedNoKey++;
                return;
            }

            ProcessNetworkPdu(_rxCodec);
        }

        /// <summary>
        /// The IV Index a received PDU with this IVI uses (MshPRT §3.11.5): the current one when
        /// the bits agree, else the one before (which both states accept).
        /// </summary>
        private uint ReceiveIvIndex(int ivi)
        {
            uint current = _seq.IvIndex;
            return (int)(current & 1) == ivi ? current : current - 1;
        }

        private bool TryDecode(NetworkPduCodec codec, int nid, uint ivIndex, bool proxy, byte[] pdu, int offset, int count)
        {
            for (int i = 0; i < _keys.NetworkKeyCount; i++)
            {
                NetworkKeyMaterial key = _keys.GetNetworkKeyAt(i);
                if (key.Nid == nid && codec.TryDecode(key, ivIndex, proxy, pdu, offset, count))
                {
                    return true;
                }
            }

            return false;
        }

        private void ProcessNetworkPdu(NetworkPduCodec codec)
        {
            int src = codec.Src;
            int dst = codec.Dst;

            // MshPRT §3.4.3: SRC is a unicast address and DST is never unassigned.
            if (!MeshAddress.IsUnicast(src) || dst == MeshAddress.Unassigned)
            {
                Statistics.DroppedMalformed++;
                return;
            }

            if (IsLocalElement(src))
            {
                Statistics.DroppedOwn++;
                return;
            }

            if (!IsForUs(dst))
            {
                Statistics.DroppedNotForUs++;
                return;
            }

            byte[] t = codec.TransportBuffer;
            int at = codec.TransportOffset;
            int length = codec.TransportLength;
            byte first = t[at];
            if (codec.Ctl)
            {
                ProcessControl(codec, first, t, at, length);
                return;
            }

            if (LowerTransportHeader.IsSegmented(first))
            {
                _lower.OnAccessSegment(codec.Key, codec.IvIndex, codec.Ttl, codec.Seq, src, dst, t, at, length);
                return;
            }

            // Unsegmented access (MshPRT §3.5.2.1): header ‖ at least one octet ‖ 4-octet TransMIC.
            if (length < 1 + 1 + 4)
            {
                Statistics.DroppedMalformed++;
                return;
            }

            if (_rpl.IsReplay(src, codec.IvIndex, codec.Seq))
            {
                Statistics.DroppedReplay++;
                return;
            }

            bool akf = (first & 0x40) != 0;
            if (!DecryptUpper(akf, first & 0x3F, false, codec.Seq, src, dst, codec.IvIndex, codec.Key, t, at + 1, length - 1))
            {
                return;
            }

            Deliver(codec.Key, codec.IvIndex, codec.Ttl, codec.Seq, src, dst, false);
        }

        private void ProcessControl(NetworkPduCodec codec, byte first, byte[] t, int at, int length)
        {
            bool onBehalfOf;
            int seqZero;
            uint blockAck;
            if (LowerTransportHeader.IsSegmented(first) || (first & 0x7F) != LowerTransportHeader.SegmentAcknowledgmentOpcode)
            {
                Statistics.IgnoredControl++;
                return;
            }

            if (!SegmentAcknowledgment.TryParse(t, at, length, out onBehalfOf, out seqZero, out blockAck) || !IsLocalElement(codec.Dst))
            {
                Statistics.DroppedMalformed++;
                return;
            }

            if (_rpl.IsReplay(codec.Src, codec.IvIndex, codec.Seq))
            {
                Statistics.DroppedReplay++;
                return;
            }

            // An acknowledgment changes nothing that survives a reboot: the RPL entry is kept in
            // memory only (stored with the next access message).
            _rpl.Accept(codec.Src, codec.IvIndex, codec.Seq);
            Statistics.SegmentAcknowledgmentsReceived++;
            _lower.OnSegmentAcknowledgment(codec.Src, codec.Dst, onBehalfOf, seqZero, blockAck);
        }

        private void OnSegmentedAccessPdu(IncomingSegmentedMessage message)
        {
            if (!DecryptUpper(message.Akf, message.Aid, message.Szmic, message.SeqAuth, message.Src, message.Dst, message.IvIndex,
                message.Key, message.Buffer, 0, message.Length))
            {
                return;
            }

            Deliver(message.Key, message.IvIndex, message.Ttl, message.SeqAuth, message.Src, message.Dst, true);
        }

        /// <summary>Opens an Upper Transport Access PDU into <see cref="_access"/> with the first key that fits.</summary>
        private bool DecryptUpper(bool akf, int aid, bool szmic, int seq, int src, int dst, uint ivIndex, NetworkKeyMaterial netKey,
            byte[] pdu, int offset, int count)
        {
            int mic = UpperTransportCrypto.MicLength(szmic);
            _accessLength = count - mic;
            if (_accessLength < 1)
            {
                Statistics.DroppedMalformed++;
                return false;
            }

            if (!akf)
            {
                // MshPRT §3.5.2.1: device-key messages have AID 0. A client opens answers with the
                // sender's device key; a server opens requests with its own.
                if (aid == 0)
                {
                    DeviceKeyMaterial key = _keys.FindDeviceKey(src);
                    if (TryDevice(key, szmic, seq, src, dst, ivIndex, pdu, offset, count))
                    {
                        return true;
                    }

                    DeviceKeyMaterial own = IsLocalElement(dst) ? _keys.FindDeviceKey(dst) : null;
                    if (own != null && own != key && TryDevice(own, szmic, seq, src, dst, ivIndex, pdu, offset, count))
                    {
                        return true;
                    }
                }

                Statistics.DroppedTransMic++;
                return false;
            }

            // Virtual destinations would need the Label UUID as additional data (MshPRT §3.9.7.1):
            // the stack does not subscribe to them, so AppKey messages are opened without it.
            for (int i = 0; i < _keys.ApplicationKeyCount; i++)
            {
                ApplicationKeyMaterial key = _keys.GetApplicationKeyAt(i);
                if (key.Aid == aid && key.NetKeyIndex == netKey.Index
                    && _upper.TryDecrypt(key, szmic, seq, src, dst, ivIndex, null, pdu, offset, count, _access, 0))
                {
                    _received.AppKeyIndex = key.Index;
                    _received.DeviceKeyAddress = 0;
                    return true;
                }
            }

            Statistics.DroppedTransMic++;
            return false;
        }

        private bool TryDevice(DeviceKeyMaterial key, bool szmic, int seq, int src, int dst, uint ivIndex, byte[] pdu, int offset, int count)
        {
            if (key == null || !_upper.TryDecrypt(key, szmic, seq, src, dst, ivIndex, pdu, offset, count, _access, 0))
            {
                return false;
            }

            _received.AppKeyIndex = ReceivedAccessMessage.DeviceKeyIndex;
            _received.DeviceKeyAddress = key.Address;
            return true;
        }

        private void Deliver(NetworkKeyMaterial netKey, uint ivIndex, int ttl, int seq, int src, int dst, bool segmented)
        {
            int opcode;
            int opcodeLength;
            if (!AccessOpcode.TryRead(_access, 0, _accessLength, out opcode, out opcodeLength))
            {
                Statistics.DroppedMalformed++;
                return;
            }

            if (!_rpl.Accept(src, ivIndex, seq))
            {
                Statistics.DroppedReplayListFull++;
                return;
            }

            if (!StoreReplayList())
            {
                Statistics.DroppedStorage++;
                return;
            }

            _received.Source = src;
            _received.Destination = dst;
            _received.NetKeyIndex = netKey.Index;
            _received.Ttl = ttl;
            _received.Seq = seq;
            _received.IvIndex = ivIndex;
            _received.Segmented = segmented;
            _received.Opcode = opcode;
            _received.Buffer = _access;
            _received.ParametersOffset = opcodeLength;
            _received.ParametersLength = _accessLength - opcodeLength;
            Statistics.AccessMessagesDelivered++;
            AccessMessageHandler handler = AccessMessageReceived;
            if (handler != null)
            {
                handler(_received);
            }
        }

        /// <summary>
        /// Makes the RPL durable before the access layer acts (see <see cref="MeshNetworkOptions.ReplayStoreDelayMilliseconds"/>).
        /// False when it could not be written: the message is then not delivered.
        /// </summary>
        private bool StoreReplayList()
        {
            if (_options.ReplayStoreDelayMilliseconds > 0)
            {
                if (_replayStoreTimer == 0 && _rpl.IsDirty)
                {
                    _replayStoreTimer = _scheduler.Schedule(_options.ReplayStoreDelayMilliseconds, _onReplayStoreTimer);
                }

                return true;
            }

            try
            {
                _rpl.Persist();
                return true;
            }
            catch (StorageException e)
            {
                _log.Write(LogLevel.Error, Component, "cannot store the replay protection list: " + e.Message);
                return false;
            }
        }

        private void OnReplayStoreTimer()
        {
            _replayStoreTimer = 0;
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
}
