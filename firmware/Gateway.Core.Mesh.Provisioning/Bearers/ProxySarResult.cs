namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// What one Proxy PDU did to the message being reassembled. Every value from
    /// <see cref="Empty"/> on is a protocol violation: the reassembler has dropped its state and
    /// the link should be disconnected (MshPRT §6.3.2; Zephyr <c>proxy_msg.c</c>). Values are stable.
    /// </summary>
    public enum ProxySarResult
    {
        /// <summary>A first or continuation segment was stored.</summary>
        InProgress = 0,

        /// <summary>A whole message is in the buffer (a Complete PDU or the Last segment).</summary>
        Complete = 1,

        /// <summary>A Proxy PDU without data (under two octets).</summary>
        Empty = 2,

        /// <summary>A Continuation or Last segment with no First before it.</summary>
        UnexpectedSegment = 3,

        /// <summary>A Complete or First PDU while a segmented message is still open.</summary>
        Interrupted = 4,

        /// <summary>A Continuation or Last segment with another Message Type than its First.</summary>
        MessageTypeMismatch = 5,

        /// <summary>The message grew beyond the reassembly buffer.</summary>
        TooLong = 6,
    }
}
