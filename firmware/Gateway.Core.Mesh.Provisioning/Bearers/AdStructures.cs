namespace Gateway.Core.Mesh.Bearers
{
    /// <summary>
    /// Walks the AD structures of one advertisement (Core Spec Vol 3 Part C §11: Length ‖ AD Type ‖
    /// Data, a zero Length ending the significant part). Offsets only, no copies, no exceptions:
    /// every advertisement on the air passes through here.
    /// </summary>
    public static class AdStructures
    {
        /// <summary>
        /// Finds the first AD structure of <paramref name="adType"/>. On success the value (the
        /// octets after the type) is at <paramref name="valueOffset"/>, <paramref name="valueLength"/> long.
        /// A structure that runs past the end makes the whole advertisement invalid (false).
        /// </summary>
        public static bool TryFind(byte[] data, int offset, int length, byte adType, out int valueOffset, out int valueLength)
        {
            return TryFindFrom(data, offset, length, adType, offset, out valueOffset, out valueLength);
        }

        /// <summary>
        /// Like <see cref="TryFind"/> but starts at <paramref name="from"/> (an absolute offset of a
        /// structure boundary inside the window), so several structures of one type can be visited.
        /// </summary>
        public static bool TryFindFrom(byte[] data, int offset, int length, byte adType, int from, out int valueOffset, out int valueLength)
        {
            valueOffset = 0;
            valueLength = 0;
            if (data == null || offset < 0 || length < 0 || offset > data.Length - length || from < offset)
            {
                return false;
            }

            int end = offset + length;
            int position = from;
            while (position < end)
            {
                int structureLength = data[position];
                if (structureLength == 0)
                {
                    return false;
                }

                if (structureLength > end - position - 1)
                {
                    return false;
                }

                if (data[position + 1] == adType)
                {
                    valueOffset = position + 2;
                    valueLength = structureLength - 1;
                    return true;
                }

                position += 1 + structureLength;
            }

            return false;
        }
    }
}
