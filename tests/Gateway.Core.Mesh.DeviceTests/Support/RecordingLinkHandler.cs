using System;
using System.Collections;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.DeviceTests.Support
{
    /// <summary>A link event a test plays a protocol with.</summary>
    internal delegate void LinkEventHandler(IProvisioningBearer link);

    /// <summary>A received PDU a test answers (a copy of it).</summary>
    internal delegate void LinkPduHandler(IProvisioningBearer link, byte[] pdu);

    /// <summary>Records every callback of a provisioning link; optional hooks let a test play a protocol.</summary>
    internal sealed class RecordingLinkHandler : IProvisioningLinkHandler
    {
        private readonly IScheduler _scheduler;

        public RecordingLinkHandler(IScheduler scheduler)
        {
            _scheduler = scheduler;
            Received = new ArrayList();
            ClosedAt = -1;
        }

        public int Opened { get; private set; }

        /// <summary>Every PDU received, as hex, in order.</summary>
        public ArrayList Received { get; private set; }

        public int TransmitCompletes { get; private set; }

        public int ClosedCount { get; private set; }

        public ProvisioningLinkCloseReason ClosedReason { get; private set; }

        public long ClosedAt { get; private set; }

        public LinkEventHandler OnOpened { get; set; }

        public LinkPduHandler OnPdu { get; set; }

        /// <summary>The received PDUs joined with spaces.</summary>
        public string ReceivedHex()
        {
            string text = string.Empty;
            for (int i = 0; i < Received.Count; i++)
            {
                text += (i == 0 ? string.Empty : " ") + (string)Received[i];
            }

            return text;
        }

        public void OnLinkOpened(IProvisioningBearer link)
        {
            Opened++;
            if (OnOpened != null)
            {
                OnOpened(link);
            }
        }

        public void OnPduReceived(IProvisioningBearer link, byte[] pdu, int offset, int count)
        {
            byte[] copy = new byte[count];
            Array.Copy(pdu, offset, copy, 0, count);
            Received.Add(Hex.Encode(copy));
            if (OnPdu != null)
            {
                OnPdu(link, copy);
            }
        }

        public void OnTransmitComplete(IProvisioningBearer link)
        {
            TransmitCompletes++;
        }

        public void OnLinkClosed(IProvisioningBearer link, ProvisioningLinkCloseReason reason)
        {
            ClosedCount++;
            ClosedReason = reason;
            ClosedAt = _scheduler.NowMilliseconds;
        }

        /// <summary>Sends one PDU given as hex on a link.</summary>
        public static void Send(IProvisioningBearer link, string hex)
        {
            byte[] pdu = Hex.Decode(hex);
            link.Send(pdu, 0, pdu.Length);
        }
    }
}
