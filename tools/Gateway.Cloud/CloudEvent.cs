namespace Gateway.Cloud
{
    /// <summary>What the emulator saw or did. Never carries a secret or a key.</summary>
    public enum CloudEventKind
    {
        SignInAccepted,
        SignInRefused,
        PublishRefused,
        SubscribeRefused,
        MalformedMessage,
        EnrolleeFound,
        EnrolleeRefused,
        EnrolleePending,
        EnrolleeApproved,
        EnrolleeDenied,
        CheckinSent,
        CheckinAcknowledged,
        CipherIssued,
        CipherRefused,
        MatchReported,
        OnlineSent,
        UnhandledMethod,
        MeshDeviceFound,
        MeshDevicePending,
        MeshProvisionSent,
        MeshDeviceDenied,
        MeshOobRequested,
        MeshResultReported,
        MeshNodeResetSent,
    }

    /// <summary>One entry of the emulator's event list (for tests, the CLI and the demo).</summary>
    public sealed record CloudEvent(long Sequence, long TimeMilliseconds, CloudEventKind Kind, string Subject, string Detail)
    {
        public override string ToString() => "#" + Sequence + " " + Kind + " " + Subject + (Detail == null ? string.Empty : " (" + Detail + ")");
    }
}
