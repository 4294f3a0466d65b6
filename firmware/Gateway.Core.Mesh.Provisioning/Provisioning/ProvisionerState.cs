namespace Gateway.Core.Mesh.Provisioning
{
    /// <summary>Provisioner states (ble-mesh.md §1.6); each names what the session waits for.</summary>
    internal enum ProvisionerState
    {
        Idle = 0,
        LinkOpening = 1,
        ExpectCapabilities = 2,
        WaitKeyPair = 3,
        ExpectPublicKey = 4,
        ComputingSecret = 5,
        WaitOutputOob = 6,
        ExpectInputComplete = 7,
        ExpectConfirmation = 8,
        ExpectRandom = 9,
        ExpectComplete = 10,
        Ended = 11,
    }
}
