namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>What one segment did to a PB-ADV transaction being reassembled. Values are stable.</summary>
    public enum ReassemblyResult
    {
        /// <summary>Stored; more segments are missing.</summary>
        InProgress = 0,

        /// <summary>All segments present and the FCS matches: the PDU is in the buffer.</summary>
        Complete = 1,

        /// <summary>A repeat of a segment already held, byte for byte: ignored.</summary>
        Duplicate = 2,

        /// <summary>A continuation for a transaction whose start has not been seen: dropped.</summary>
        NotStarted = 3,

        /// <summary>TotalLength above the largest Provisioning PDU this bearer accepts: dropped.</summary>
        TooLong = 4,

        /// <summary>Aborted: a segment with the same index as one held but different bytes (or a start with a different header).</summary>
        Conflict = 5,

        /// <summary>Aborted: a segment that cannot belong to the transaction (index above SegN, wrong size, inconsistent SegN/TotalLength).</summary>
        InvalidSegment = 6,

        /// <summary>Aborted: every segment arrived but the FCS does not match (MshPRT §5.3.3: not acknowledged).</summary>
        FcsMismatch = 7,
    }
}
