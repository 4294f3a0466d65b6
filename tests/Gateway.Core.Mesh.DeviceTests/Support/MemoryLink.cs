using System;
using System.Collections;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.DeviceTests.Support
{
    /// <summary>The PDUs a scripted peer answers to one PDU it received (an empty array: silence).</summary>
    internal delegate byte[][] ReplyScript(byte[] sent);

    /// <summary>Rewrites a PDU on its way to the peer; null drops it.</summary>
    internal delegate byte[] PduFilter(byte[] pdu);

    /// <summary>
    /// An in-memory provisioning link with nothing below it (Zephyr's test bearer shape): Open reports
    /// the link open; Send records the PDU and delivers it to a <see cref="Peer"/> link (optionally
    /// through <see cref="Tamper"/>) and/or the scripted <see cref="Replies"/> to our own handler;
    /// Close records the reason and closes the peer. Everything goes through the scheduler's posted
    /// work, as real bearers do, so a handler is never re-entered from its own Send. Received PDUs are
    /// handed over at an offset in a buffer that is scribbled over after the call, like a radio's.
    /// </summary>
    internal sealed class MemoryLink : IProvisioningBearer
    {
        private const int RxOffset = 3;
        private readonly VirtualTimeScheduler _scheduler;
        private readonly byte[] _rx = new byte[RxOffset + 256];
        private readonly ProvisioningRole _role;
        private readonly byte[] _deviceUuid;
        private ProvisioningLinkState _state;
        private ProvisioningLinkCloseReason _closeReason;

        public MemoryLink(VirtualTimeScheduler scheduler, ProvisioningRole role, byte[] deviceUuid)
        {
            _scheduler = scheduler;
            _role = role;
            _deviceUuid = deviceUuid;
            Sent = new ArrayList();
            SentAtClose = -1;
            PeerCloseReasonCode = -1;
        }

        public IProvisioningLinkHandler Handler { get; set; }

        public MemoryLink Peer { get; set; }

        public PduFilter Tamper { get; set; }

        public ReplyScript Replies { get; set; }

        /// <summary>Every PDU sent, as byte[], in order.</summary>
        public ArrayList Sent { get; private set; }

        public int SendsAfterClose { get; private set; }

        public int SentAtClose { get; private set; }

        public int CloseCalls { get; private set; }

        /// <summary>True once this end closed the link; then <see cref="CloseReason"/> says why.</summary>
        public bool ClosedByUs { get; private set; }

        public ProvisioningBearerType BearerType
        {
            get { return ProvisioningBearerType.PbAdv; }
        }

        public ProvisioningRole Role
        {
            get { return _role; }
        }

        public ProvisioningLinkState State
        {
            get { return _state; }
        }

        public byte[] DeviceUuid
        {
            get { return _deviceUuid; }
        }

        public int MaxPduSize
        {
            get { return 65; }
        }

        public ProvisioningLinkCloseReason CloseReason
        {
            get { return _closeReason; }
        }

        public bool ClosedByPeer { get; private set; }

        public int PeerCloseReasonCode { get; private set; }

        public string SentHex(int index)
        {
            return Hex.Encode((byte[])Sent[index]);
        }

        public string LastSentHex()
        {
            return Sent.Count == 0 ? string.Empty : SentHex(Sent.Count - 1);
        }

        /// <summary>All PDUs sent, hex, separated by spaces (one comparison shows the first difference).</summary>
        public string AllSentHex()
        {
            string text = string.Empty;
            for (int i = 0; i < Sent.Count; i++)
            {
                text += (i == 0 ? string.Empty : " ") + SentHex(i);
            }

            return text;
        }

        /// <summary>How many PDUs of this type were sent.</summary>
        public int CountSent(int pduType)
        {
            int n = 0;
            for (int i = 0; i < Sent.Count; i++)
            {
                if (((byte[])Sent[i])[0] == pduType)
                {
                    n++;
                }
            }

            return n;
        }

        public void Open()
        {
            if (_state != ProvisioningLinkState.Idle)
            {
                throw new InvalidOperationException("link already opened");
            }

            _state = ProvisioningLinkState.Open;
            _scheduler.Post(() => Handler.OnLinkOpened(this));
        }

        public void Send(byte[] pdu, int offset, int count)
        {
            if (_state != ProvisioningLinkState.Open)
            {
                SendsAfterClose++;
                throw new InvalidOperationException("link is not open");
            }

            if (count < 1 || count > MaxPduSize)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            byte[] copy = new byte[count];
            Array.Copy(pdu, offset, copy, 0, count);
            Sent.Add(copy);
            _scheduler.Post(() => Handler.OnTransmitComplete(this));
            if (Peer != null)
            {
                byte[] forwarded = Tamper == null ? copy : Tamper(copy);
                if (forwarded != null)
                {
                    MemoryLink peer = Peer;
                    _scheduler.Post(() => peer.Deliver(forwarded));
                }
            }

            if (Replies != null)
            {
                byte[][] replies = Replies(copy);
                for (int i = 0; i < replies.Length; i++)
                {
                    byte[] reply = replies[i];
                    _scheduler.Post(() => Deliver(reply));
                }
            }
        }

        public void Close(ProvisioningLinkCloseReason reason)
        {
            CloseCalls++;
            if (_state == ProvisioningLinkState.Closed)
            {
                return;
            }

            _state = ProvisioningLinkState.Closed;
            ClosedByUs = true;
            _closeReason = reason;
            SentAtClose = Sent.Count;
            _scheduler.Post(() => Handler.OnLinkClosed(this, reason));
            if (Peer != null)
            {
                MemoryLink peer = Peer;
                _scheduler.Post(() => peer.ClosedByTheOtherEnd(reason));
            }
        }

        /// <summary>The peer closes the link (PB-ADV Link Close with this reason, or a disconnect).</summary>
        public void ClosedByTheOtherEnd(ProvisioningLinkCloseReason reason)
        {
            if (_state == ProvisioningLinkState.Closed)
            {
                return;
            }

            _state = ProvisioningLinkState.Closed;
            ClosedByPeer = true;
            PeerCloseReasonCode = (int)reason;
            _closeReason = reason;
            SentAtClose = Sent.Count;
            Handler.OnLinkClosed(this, reason);
        }

        /// <summary>Hands one PDU to our handler now, as the bearer's receive path would.</summary>
        public void Inject(string hex)
        {
            Deliver(Hex.Decode(hex));
        }

        public void Inject(byte[] pdu)
        {
            Deliver(pdu);
        }

        /// <summary>Links two ends: what one sends, the other's handler receives.</summary>
        public static void Connect(MemoryLink a, MemoryLink b)
        {
            a.Peer = b;
            b.Peer = a;
        }

        private void Deliver(byte[] pdu)
        {
            if (_state != ProvisioningLinkState.Open)
            {
                return;
            }

            int count = pdu.Length < _rx.Length - RxOffset ? pdu.Length : _rx.Length - RxOffset;
            Array.Copy(pdu, 0, _rx, RxOffset, count);
            Handler.OnPduReceived(this, _rx, RxOffset, count);
            for (int i = 0; i < _rx.Length; i++)
            {
                _rx[i] = 0xEE;
            }
        }
    }
}
