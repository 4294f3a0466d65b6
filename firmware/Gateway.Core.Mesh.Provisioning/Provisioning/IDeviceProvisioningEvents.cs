namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>What a <see cref="DeviceSession"/> tells the node it runs on.</summary>
    public interface IDeviceProvisioningEvents
    {
        /// <summary>The Invite's Attention Timer, in seconds (the node blinks to be found).</summary>
        void OnAttention(int seconds);

        /// <summary>Output OOB: show this value (blink/beep/vibrate count, digits, or characters).</summary>
        void OnOutputOobShow(OutputOobAction action, string value);

        /// <summary>Input OOB: a person must enter a value; deliver it with <see cref="DeviceSession.SupplyInputOob"/>.</summary>
        void OnInputOobRequested(InputOobAction action, int size);

        /// <summary>The session ended; <see cref="DeviceSession.Outcome"/> says how. Called once.</summary>
        void OnEnded(DeviceSession session);
    }
}
