using System.Collections;
using Gateway.Core.Mesh.Provisioning;

namespace Gateway.Core.DeviceTests.Support
{
    /// <summary>Records what a provisioner session asks of its owner; answers Output OOB with a scripted value.</summary>
    internal sealed class RecordingProvisionerEvents : IProvisionerEvents
    {
        public RecordingProvisionerEvents()
        {
            NextAddress = 0x0b0c;
            Events = new ArrayList();
        }

        public int NextAddress { get; set; }

        public bool RefuseAddresses { get; set; }

        public bool RefuseToStoreNode { get; set; }

        public string OutputOobAnswer { get; set; }

        public string InputOobShown { get; private set; }

        public int ProvisionedCount { get; private set; }

        public int EndedCount { get; private set; }

        /// <summary>One line per call, in order ("assign 1", "sending-data", "provisioned", "ended 1").</summary>
        public ArrayList Events { get; private set; }

        public bool TryAssignAddress(ProvisionerSession session, int elementCount, out int unicastAddress)
        {
            unicastAddress = NextAddress;
            Events.Add("assign " + elementCount.ToString());
            return !RefuseAddresses;
        }

        public void OnOutputOobRequired(ProvisionerSession session, OutputOobAction action, int size)
        {
            Events.Add("output-oob " + ((int)action).ToString() + " " + size.ToString());
            if (OutputOobAnswer != null)
            {
                session.SupplyOutputOob(OutputOobAnswer);
            }
        }

        public void OnInputOobDisplay(ProvisionerSession session, InputOobAction action, string value)
        {
            Events.Add("input-oob " + ((int)action).ToString());
            InputOobShown = value;
        }

        public bool OnSendingProvisioningData(ProvisionerSession session)
        {
            Events.Add("sending-data");
            return !RefuseToStoreNode;
        }

        public void OnProvisioned(ProvisionerSession session)
        {
            ProvisionedCount++;
            Events.Add("provisioned");
        }

        public void OnEnded(ProvisionerSession session)
        {
            EndedCount++;
            Events.Add("ended " + ((int)session.Outcome).ToString());
        }

        /// <summary>The events as one line, for a single comparison.</summary>
        public string Joined()
        {
            string text = string.Empty;
            for (int i = 0; i < Events.Count; i++)
            {
                text += (i == 0 ? string.Empty : ", ") + (string)Events[i];
            }

            return text;
        }
    }
}
