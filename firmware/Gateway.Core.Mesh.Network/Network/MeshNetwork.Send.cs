using System;
using System.Collections;

namespace Gateway.Core.Mesh.Network
{
    /// <summary>Send path: access payload → upper transport → unsegmented PDU or segmented transmission.</summary>
    public sealed partial class MeshNetwork
    {
        /// <summary>Largest access payload (opcode and parameters): 32 segments × 12 octets minus a 4-octet TransMIC.</summary>
        public const int MaxAccessPayload = LowerTransportHeader.MaxSegmentedAccessLength - 4;

        /// <summary>Largest access payload that fits one unsegmented PDU.</summary>
        public const int MaxUnsegmentedAccessPayload = LowerTransportHeader.MaxUnsegmentedAccessLength - 4;

        private readonly ArrayList _pending;
        private readonly byte[] _unsegmented = new byte[LowerTransportHeader.MaxUnsegmentedAccessLength + 1];

        /// <summary>Segmented messages waiting for a slot (or for the previous message to the same destination).</summary>
        public int PendingCount
        {
            get { return _pending.Count; }
        }

        /// <summary>Segmented messages being sent now.</summary>
        public int ActiveTransmissions
        {
            get { return _lower.ActiveTransmissions; }
        }

        /// <summary>Sends with the default TTL; the NetKey is the AppKey's, or the primary one for device keys.</summary>
        public void SendAccessMessage(int source, int destination, int keyIndex, byte[] payload, int offset, int count, AccessSendCallback callback)
        {
            SendAccessMessage(source, destination, keyIndex, Default, Default, payload, offset, count, callback);
        }

        /// <summary>
        /// Sends an access message (opcode and parameters) from element <paramref name="source"/>.
        /// <paramref name="keyIndex"/> is an AppKey Index, <see cref="RemoteDeviceKey"/> or
        /// <see cref="LocalDeviceKey"/>; <paramref name="netKeyIndex"/> and <paramref name="ttl"/>
        /// may be <see cref="Default"/>. Up to 11 octets go in one unsegmented PDU, more are
        /// segmented (MshPRT §3.5.3). <paramref name="callback"/> (may be null) runs later from the
        /// scheduler with the outcome. Invalid arguments throw; conditions of the network (a missing
        /// key, no SEQ) are reported through the callback.
        /// </summary>
        public void SendAccessMessage(int source, int destination, int keyIndex, int netKeyIndex, int ttl,
            byte[] payload, int offset, int count, AccessSendCallback callback)
        {
            if (!_started)
            {
                throw new InvalidOperationException("Start the network before sending");
            }

            if (!IsLocalElement(source))
            {
                throw new ArgumentOutOfRangeException("source");
            }

            // Device-key messages only go to unicast addresses (MshPRT §3.6.4.2); virtual
            // destinations need a Label UUID this API does not take.
            bool deviceKey = keyIndex == RemoteDeviceKey || keyIndex == LocalDeviceKey;
            if (!MeshAddress.IsValidDestination(destination) || MeshAddress.IsVirtual(destination)
                || (deviceKey && !MeshAddress.IsUnicast(destination)))
            {
                throw new ArgumentOutOfRangeException("destination");
            }

            if (!deviceKey && (keyIndex < 0 || keyIndex > 0xFFF))
            {
                throw new ArgumentOutOfRangeException("keyIndex");
            }

            // MshPRT §3.4.4.3: TTL 1 is prohibited.
            if (ttl != Default && (ttl < 0 || ttl > 0x7F || ttl == 1))
            {
                throw new ArgumentOutOfRangeException("ttl");
            }

            if (payload == null || count < 1 || count > MaxAccessPayload || offset < 0 || offset > payload.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            int opcode;
            int opcodeLength;
            if (!AccessOpcode.TryRead(payload, offset, count, out opcode, out opcodeLength))
            {
                throw new ArgumentException("the payload does not start with a valid opcode", "payload");
            }

            int effectiveTtl = ttl == Default ? _options.DefaultTtl : ttl;
            if (count <= MaxUnsegmentedAccessPayload && !HasPendingFor(destination))
            {
                SendUnsegmented(source, destination, keyIndex, netKeyIndex, effectiveTtl, payload, offset, count, callback);
                return;
            }

            PendingAccessMessage message = new PendingAccessMessage();
            message.Source = source;
            message.Destination = destination;
            message.KeyIndex = keyIndex;
            message.NetKeyIndex = netKeyIndex;
            message.Ttl = effectiveTtl;
            message.Payload = new byte[count];
            Array.Copy(payload, offset, message.Payload, 0, count);
            message.Callback = callback;
            _pending.Add(message);
            SendPending();
        }

        /// <summary>Ends every segmented transmission and drops the queue (callbacks get <see cref="AccessSendResult.Cancelled"/>).</summary>
        public void CancelTransmissions()
        {
            while (_pending.Count > 0)
            {
                PendingAccessMessage message = (PendingAccessMessage)_pending[0];
                _pending.RemoveAt(0);
                Report(message.Callback, AccessSendResult.Cancelled);
            }

            _lower.CancelAll();
        }

        private void SendUnsegmented(int source, int destination, int keyIndex, int netKeyIndex, int ttl,
            byte[] payload, int offset, int count, AccessSendCallback callback)
        {
            NetworkKeyMaterial net;
            ApplicationKeyMaterial app;
            DeviceKeyMaterial dev;
            if (!ResolveKeys(source, destination, keyIndex, netKeyIndex, out net, out app, out dev))
            {
                Report(callback, AccessSendResult.NoKey);
                return;
            }

            int seq = AllocateSeq();
            if (seq < 0)
            {
                Report(callback, AccessSendResult.NoSequenceNumber);
                return;
            }

            uint ivIndex = TransmitIvIndex;
            _unsegmented[0] = LowerTransportHeader.UnsegmentedAccess(app != null, app != null ? app.Aid : 0);
            if (app != null)
            {
                _upper.Encrypt(app, false, seq, source, destination, ivIndex, null, payload, offset, count, _unsegmented, 1);
            }
            else
            {
                _upper.Encrypt(dev, false, seq, source, destination, ivIndex, payload, offset, count, _unsegmented, 1);
            }

            SendTransportPdu(net, ivIndex, false, ttl, source, destination, seq, _unsegmented, 0, 1 + count + 4);
            Report(callback, AccessSendResult.Sent);
        }

        /// <summary>Starts queued messages in order, each when a slot is free and its destination idle.</summary>
        private void SendPending()
        {
            for (int i = 0; i < _pending.Count;)
            {
                PendingAccessMessage message = (PendingAccessMessage)_pending[i];
                if (HasPendingBefore(i, message.Destination))
                {
                    i++;
                    continue;
                }

                if (message.Payload.Length <= MaxUnsegmentedAccessPayload)
                {
                    _pending.RemoveAt(i);
                    SendUnsegmented(message.Source, message.Destination, message.KeyIndex, message.NetKeyIndex, message.Ttl,
                        message.Payload, 0, message.Payload.Length, message.Callback);
                    continue;
                }

                OutgoingSegmentedMessage slot = _lower.AcquireTransmission(message.Destination);
                if (slot == null)
                {
                    i++;
                    continue;
                }

                _pending.RemoveAt(i);
                StartSegmented(message, slot);
            }
        }

        private void StartSegmented(PendingAccessMessage message, OutgoingSegmentedMessage slot)
        {
            NetworkKeyMaterial net;
            ApplicationKeyMaterial app;
            DeviceKeyMaterial dev;
            if (!ResolveKeys(message.Source, message.Destination, message.KeyIndex, message.NetKeyIndex, out net, out app, out dev))
            {
                Report(message.Callback, AccessSendResult.NoKey);
                return;
            }

            int seq = AllocateSeq();
            if (seq < 0)
            {
                Report(message.Callback, AccessSendResult.NoSequenceNumber);
                return;
            }

            uint ivIndex = TransmitIvIndex;
            int count = message.Payload.Length;
            if (app != null)
            {
                _upper.Encrypt(app, false, seq, message.Source, message.Destination, ivIndex, null, message.Payload, 0, count, slot.Upper, 0);
            }
            else
            {
                _upper.Encrypt(dev, false, seq, message.Source, message.Destination, ivIndex, message.Payload, 0, count, slot.Upper, 0);
            }

            slot.Key = net;
            slot.IvIndex = ivIndex;
            slot.Src = message.Source;
            slot.Dst = message.Destination;
            slot.Ttl = message.Ttl;
            slot.Akf = app != null;
            slot.Aid = app != null ? app.Aid : 0;
            slot.Szmic = false;
            slot.SeqAuth = seq;
            slot.UpperLength = count + 4;
            slot.Callback = message.Callback;
            _lower.StartTransmission(slot);
        }

        private bool ResolveKeys(int source, int destination, int keyIndex, int netKeyIndex,
            out NetworkKeyMaterial net, out ApplicationKeyMaterial app, out DeviceKeyMaterial dev)
        {
            net = null;
            app = null;
            dev = null;
            int netIndex;
            if (keyIndex >= 0)
            {
                app = _keys.FindApplicationKey(keyIndex);
                if (app == null)
                {
                    return false;
                }

                // MshPRT §3.8.6.4: an AppKey travels only under the NetKey it is bound to.
                netIndex = netKeyIndex == Default ? app.NetKeyIndex : netKeyIndex;
                if (netIndex != app.NetKeyIndex)
                {
                    return false;
                }
            }
            else
            {
                dev = _keys.FindDeviceKey(keyIndex == RemoteDeviceKey ? destination : source);
                if (dev == null)
                {
                    return false;
                }

                netIndex = netKeyIndex == Default ? _options.PrimaryNetKeyIndex : netKeyIndex;
            }

            net = _keys.FindNetworkKey(netIndex);
            return net != null;
        }

        private bool HasPendingFor(int destination)
        {
            return HasPendingBefore(_pending.Count, destination);
        }

        private bool HasPendingBefore(int index, int destination)
        {
            for (int i = 0; i < index; i++)
            {
                if (((PendingAccessMessage)_pending[i]).Destination == destination)
                {
                    return true;
                }
            }

            return false;
        }

        private void Report(AccessSendCallback callback, AccessSendResult result)
        {
            if (callback != null)
            {
                _scheduler.Post(() => callback(result));
            }
        }
    }
}
