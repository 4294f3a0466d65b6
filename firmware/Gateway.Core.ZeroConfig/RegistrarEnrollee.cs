using System;

namespace Gateway.Core.ZeroConfig
{
    /// <summary>
    /// One slot of the registrar's enrollee table (the SDK's struct enrollee_info). Slots are
    /// allocated once with the registrar and reused, so a busy registrar does not feed the GC.
    /// Only the names are allocated per enrollee (they go into JSON anyway).
    /// </summary>
    internal sealed class RegistrarEnrollee
    {
        internal readonly byte[] Random = new byte[EnrolleeRequestIe.RandomLength];
        internal readonly byte[] Sign = new byte[EnrolleeRequestIe.SignLength];
        internal readonly byte[] Record = new byte[EnrolleeRequestIe.MaxRecordLength];
        internal readonly byte[] Frame = new byte[RegistrarResponseIe.MaxLength];

        internal EnrolleeSessionState State;
        internal string ProductKey;
        internal string DeviceName;
        internal byte Security;
        internal byte SignMethod;
        internal int RecordLength;
        internal int FrameLength;
        internal int Rssi;
        internal ulong Source;

        /// <summary>Bumped on every state change: a timer armed in an older state finds it changed and does nothing.</summary>
        internal int Generation;
        internal int TimerId;

        internal string ReportId;
        internal long ReportedAt;
        internal bool Accepted;

        internal int CheckinTimeoutSeconds;
        internal long Deadline;
        internal string CipherRequestId;
        internal int CipherRequests;
        internal long KeyReceivedAt;
        internal bool Persisted;

        internal bool IsFree
        {
            get { return State == EnrolleeSessionState.Free; }
        }

        internal bool Is(string productKey, string deviceName)
        {
            return State != EnrolleeSessionState.Free && ProductKey == productKey && DeviceName == deviceName;
        }

        /// <summary>Back to a free slot; the built element (it holds the encrypted password) is wiped.</summary>
        internal void Reset()
        {
            State = EnrolleeSessionState.Free;
            Generation++;
            ProductKey = null;
            DeviceName = null;
            Array.Clear(Random, 0, Random.Length);
            Array.Clear(Sign, 0, Sign.Length);
            Array.Clear(Record, 0, Record.Length);
            Array.Clear(Frame, 0, Frame.Length);
            RecordLength = 0;
            FrameLength = 0;
            ReportId = null;
            Accepted = false;
            CipherRequestId = null;
            CipherRequests = 0;
            Persisted = false;
        }

        public override string ToString()
        {
            return ProductKey + "/" + DeviceName;
        }
    }
}
