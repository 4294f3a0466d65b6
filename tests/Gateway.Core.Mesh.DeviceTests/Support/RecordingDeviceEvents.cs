using Gateway.Core.Mesh.Provisioning;

namespace Gateway.Core.DeviceTests.Support
{
    /// <summary>Records a device session's events; types <see cref="InputOobValue"/> when Input OOB is asked for.</summary>
    internal sealed class RecordingDeviceEvents : IDeviceProvisioningEvents
    {
        public DeviceSession Session { get; set; }

        public string OutputShown { get; private set; }

        public string InputOobValue { get; set; }

        public int AttentionSeconds { get; private set; }

        public int EndedCount { get; private set; }

        public void OnAttention(int seconds)
        {
            AttentionSeconds = seconds;
        }

        public void OnOutputOobShow(OutputOobAction action, string value)
        {
            OutputShown = value;
        }

        public void OnInputOobRequested(InputOobAction action, int size)
        {
            if (InputOobValue != null)
            {
                Session.SupplyInputOob(InputOobValue);
            }
        }

        public void OnEnded(DeviceSession session)
        {
            EndedCount++;
        }
    }
}
