using System;
using System.Collections.Generic;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Mesh.Provisioning
{
    /// <summary>
    /// A provisioning link with nothing below it, for driving sessions with crafted PDUs (the shape of
    /// Zephyr's test bearer). Open reports the link open; Send records the PDU and delivers scripted
    /// replies and/or the PDU itself to a <see cref="Peer"/> link (optionally tampered with); Close
    /// records the reason and reports the link closed. Everything is delivered through the
    /// scheduler's posted work, as real bearers do, so a handler is never re-entered from its own Send.
    /// Received PDUs are handed over at an offset in a buffer scribbled over after the call, like a radio's.
    /// </summary>
    internal sealed class ScriptedBearer : IProvisioningBearer
    {
        private const int RxOffset = 3;
        private readonly VirtualTimeScheduler _scheduler;
        private readonly byte[] _rx = new byte[RxOffset + 256];

        public ScriptedBearer(VirtualTimeScheduler scheduler, ProvisioningRole role, byte[] deviceUuid)
        {
            _scheduler = scheduler;
            Role = role;
            DeviceUuid = deviceUuid;
        }

        public IProvisioningLinkHandler Handler { get; set; }

        /// <summary>The other end: what we send is delivered to its handler, and closing closes it (as the peer).</summary>
        public ScriptedBearer Peer { get; set; }

        /// <summary>Rewrites a PDU on its way to <see cref="Peer"/>; null drops it.</summary>
        public Func<byte[], byte[]> Tamper { get; set; }

        /// <summary>Replies to each PDU sent (the peer's script), delivered to our own handler in order.</summary>
        public Func<byte[], IEnumerable<byte[]>> Replies { get; set; }

        public List<byte[]> Sent { get; } = new List<byte[]>();

        /// <summary>Sends attempted after the link closed (each also threw, as a real bearer does).</summary>
        public int SendsAfterClose { get; private set; }

        /// <summary>How many PDUs had been sent when the link closed; -1 while open.</summary>
        public int SentAtClose { get; private set; } = -1;

        public int CloseCalls { get; private set; }

        public ProvisioningLinkCloseReason? ClosedWith { get; private set; }

        public ProvisioningBearerType BearerType => ProvisioningBearerType.PbAdv;

        public ProvisioningRole Role { get; }

        public ProvisioningLinkState State { get; private set; }

        public byte[] DeviceUuid { get; }

        public int MaxPduSize => 65;

        public ProvisioningLinkCloseReason CloseReason { get; private set; }

        public bool ClosedByPeer { get; private set; }

        public int PeerCloseReasonCode { get; private set; } = -1;

        public IEnumerable<string> SentHex
        {
            get
            {
                foreach (byte[] pdu in Sent)
                {
                    yield return Hex.Encode(pdu);
                }
            }
        }

        public void Open()
        {
            if (State != ProvisioningLinkState.Idle)
            {
                throw new InvalidOperationException("link already opened");
            }

            State = ProvisioningLinkState.Open;
            _scheduler.Post(() => Handler.OnLinkOpened(this));
        }

        public void Send(byte[] pdu, int offset, int count)
        {
            if (State != ProvisioningLinkState.Open)
            {
                SendsAfterClose++;
                throw new InvalidOperationException("link is not open");
            }

            if (count < 1 || count > MaxPduSize)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            var copy = new byte[count];
            Array.Copy(pdu, offset, copy, 0, count);
            Sent.Add(copy);
            _scheduler.Post(() => Handler.OnTransmitComplete(this));
            if (Peer != null)
            {
                byte[] forwarded = Tamper == null ? copy : Tamper(copy);
                if (forwarded != null)
                {
                    ScriptedBearer peer = Peer;
                    _scheduler.Post(() => peer.Deliver(forwarded));
                }
            }

            if (Replies != null)
            {
                foreach (byte[] reply in Replies(copy))
                {
                    _scheduler.Post(() => Deliver(reply));
                }
            }
        }

        public void Close(ProvisioningLinkCloseReason reason)
        {
            CloseCalls++;
            if (State == ProvisioningLinkState.Closed)
            {
                return;
            }

            State = ProvisioningLinkState.Closed;
            ClosedWith = reason;
            CloseReason = reason;
            SentAtClose = Sent.Count;
            _scheduler.Post(() => Handler.OnLinkClosed(this, reason));
            if (Peer != null)
            {
                ScriptedBearer peer = Peer;
                _scheduler.Post(() => peer.ClosedByTheOtherEnd(reason));
            }
        }

        /// <summary>The peer closes the link (PB-ADV Link Close with <paramref name="reason"/>, or a disconnect).</summary>
        public void ClosedByTheOtherEnd(ProvisioningLinkCloseReason reason)
        {
            if (State == ProvisioningLinkState.Closed)
            {
                return;
            }

            State = ProvisioningLinkState.Closed;
            ClosedByPeer = true;
            PeerCloseReasonCode = (int)reason;
            CloseReason = reason;
            SentAtClose = Sent.Count;
            Handler.OnLinkClosed(this, reason);
        }

        /// <summary>Hands one PDU to our handler now, as the bearer's receive path would.</summary>
        public void Inject(byte[] pdu)
        {
            Deliver(pdu);
        }

        public void Inject(string hex)
        {
            Deliver(Hex.Decode(hex));
        }

        private void Deliver(byte[] pdu)
        {
            if (State != ProvisioningLinkState.Open)
            {
                return;
            }

            int count = Math.Min(pdu.Length, _rx.Length - RxOffset);
            Array.Copy(pdu, 0, _rx, RxOffset, count);
            Handler.OnPduReceived(this, _rx, RxOffset, count);
            for (int i = 0; i < _rx.Length; i++)
            {
                _rx[i] = 0xEE;
            }
        }
    }
}
