namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>Outcome of decoding one PB-ADV PDU. Everything but Ok is a malformed PDU to drop. Values are stable.</summary>
    public enum GenericProvisioningDecodeStatus
    {
        Ok = 0,

        /// <summary>Shorter than Link ID ‖ Transaction Number ‖ GPC, or a Transaction Start without TotalLength and FCS.</summary>
        Truncated = 1,

        /// <summary>Longer than the 24-octet Generic Provisioning MTU, or the wrong length for its kind.</summary>
        InvalidLength = 2,

        /// <summary>TotalLength 0, or SegN not the last segment index of TotalLength.</summary>
        InvalidSegmentation = 3,

        /// <summary>A Transaction Continuation with Segment Index 0.</summary>
        InvalidSegmentIndex = 4,

        /// <summary>Transaction Acknowledgment with non-zero padding bits.</summary>
        InvalidPadding = 5,

        /// <summary>Bearer Control opcode 0x03–0x3F (RFU).</summary>
        UnknownOpcode = 6,
    }
}
