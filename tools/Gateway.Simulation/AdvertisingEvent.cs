namespace Gateway.Simulation;

/// <summary>
/// One advertising event on the air: the same legacy advertising PDU sent once on each channel of
/// the sender's channel map, in the order 37, 38, 39 (Core Spec Vol 6 Part B §4.4.2), with its
/// real air time at LE 1M. Times are in microseconds of virtual time (ms × 1000 + the position
/// inside the tick).
/// </summary>
internal sealed class AdvertisingEvent
{
    /// <summary>
    /// Octets of an advertising channel packet around AdvData at LE 1M: preamble 1, access address
    /// 4, PDU header 2, AdvA 6, CRC 3 (Core Spec Vol 6 Part B §2.1, §2.3).
    /// </summary>
    public const int OverheadOctets = 16;

    /// <summary>LE 1M: one octet takes 8 µs.</summary>
    public const int MicrosecondsPerOctet = 8;

    public AdvertisingEvent(AirStation from, byte[] frame, int length, bool connectable, long startUs, int channelMap, int gapUs)
    {
        From = from;
        Frame = frame;
        Length = length;
        Connectable = connectable;
        int packetUs = PacketMicroseconds(length);
        int count = 0;
        for (int i = 0; i < 3; i++)
        {
            if ((channelMap & (1 << i)) != 0)
            {
                count++;
            }
        }

        Channels = new int[count];
        Starts = new long[count];
        long t = startUs;
        int k = 0;
        for (int i = 0; i < 3; i++)
        {
            if ((channelMap & (1 << i)) == 0)
            {
                continue;
            }

            Channels[k] = 37 + i;
            Starts[k] = t;
            t += packetUs + gapUs;
            k++;
        }

        PacketUs = packetUs;
        StartUs = startUs;
        EndUs = Starts[count - 1] + packetUs;
    }

    public AirStation From { get; }

    public byte[] Frame { get; }

    public int Length { get; }

    public bool Connectable { get; }

    /// <summary>Advertising channel of each packet (37, 38, 39), in send order.</summary>
    public int[] Channels { get; }

    /// <summary>Start of each packet, µs.</summary>
    public long[] Starts { get; }

    /// <summary>Air time of one packet, µs.</summary>
    public int PacketUs { get; }

    /// <summary>Start of the first packet, µs.</summary>
    public long StartUs { get; }

    /// <summary>End of the last packet, µs: the sender's radio is busy from StartUs to here.</summary>
    public long EndUs { get; }

    /// <summary>(16 + AdvData) octets × 8 µs: 376 µs for 31 octets of AdvData.</summary>
    public static int PacketMicroseconds(int advDataLength)
    {
        return (OverheadOctets + advDataLength) * MicrosecondsPerOctet;
    }

    /// <summary>Whether a packet of this event on <paramref name="channel"/> overlaps [start, end).</summary>
    public bool Overlaps(int channel, long start, long end)
    {
        for (int i = 0; i < Channels.Length; i++)
        {
            if (Channels[i] == channel && Starts[i] < end && Starts[i] + PacketUs > start)
            {
                return true;
            }
        }

        return false;
    }
}
