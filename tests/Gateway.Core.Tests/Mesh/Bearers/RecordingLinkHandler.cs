using System;
using System.Collections.Generic;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Runtime;

namespace Gateway.Core.Tests.Mesh.Bearers
{
    /// <summary>Records every callback of a link; optional hooks let a test play a protocol.</summary>
    internal sealed class RecordingLinkHandler : IProvisioningLinkHandler
    {
        public RecordingLinkHandler(IScheduler scheduler = null)
        {
            Scheduler = scheduler;
        }

        public IScheduler Scheduler { get; }

        public int Opened { get; private set; }

        public long OpenedAt { get; private set; } = -1;

        public List<byte[]> Received { get; } = new List<byte[]>();

        public List<string> ReceivedHex
        {
            get
            {
                var list = new List<string>();
                foreach (var pdu in Received)
                {
                    list.Add(Hex.Encode(pdu));
                }

                return list;
            }
        }

        public int TransmitCompletes { get; private set; }

        public int ClosedCount { get; private set; }

        public ProvisioningLinkCloseReason? ClosedReason { get; private set; }

        public long ClosedAt { get; private set; } = -1;

        public Action<IProvisioningBearer> OnOpened { get; set; }

        public Action<IProvisioningBearer, byte[]> OnPdu { get; set; }

        public Action<IProvisioningBearer> OnComplete { get; set; }

        public void OnLinkOpened(IProvisioningBearer link)
        {
            Opened++;
            OpenedAt = Scheduler?.NowMilliseconds ?? -1;
            OnOpened?.Invoke(link);
        }

        public void OnPduReceived(IProvisioningBearer link, byte[] pdu, int offset, int count)
        {
            var copy = new byte[count];
            Array.Copy(pdu, offset, copy, 0, count);
            Received.Add(copy);
            OnPdu?.Invoke(link, copy);
        }

        public void OnTransmitComplete(IProvisioningBearer link)
        {
            TransmitCompletes++;
            OnComplete?.Invoke(link);
        }

        public void OnLinkClosed(IProvisioningBearer link, ProvisioningLinkCloseReason reason)
        {
            ClosedCount++;
            ClosedReason = reason;
            ClosedAt = Scheduler?.NowMilliseconds ?? -1;
        }
    }
}
