namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>Device (provisionee) states; each names what the session waits for.</summary>
    internal enum DeviceState
    {
        Idle = 0,
        ExpectInvite = 1,
        ExpectStart = 2,
        ExpectPublicKey = 3,
        ComputingSecret = 4,
        WaitInput = 5,
        ExpectConfirmation = 6,
        ExpectRandom = 7,
        ExpectData = 8,
        FailedSent = 9,
        Ended = 10,
    }
}
