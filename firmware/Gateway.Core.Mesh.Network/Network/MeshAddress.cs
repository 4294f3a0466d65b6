namespace Gateway.Core.Mesh.Network
{
    /// <summary>
    /// Mesh address ranges (MshPRT §3.4.2; reference/ble-mesh.md §4.1). Addresses are 16-bit
    /// values carried in an int; anything outside 0x0000–0xFFFF is not an address.
    /// </summary>
    public static class MeshAddress
    {
        public const int Unassigned = 0x0000;
        public const int MaxUnicast = 0x7FFF;
        public const int AllProxies = 0xFFFC;
        public const int AllFriends = 0xFFFD;
        public const int AllRelays = 0xFFFE;
        public const int AllNodes = 0xFFFF;

        public static bool IsUnicast(int address)
        {
            return address >= 0x0001 && address <= MaxUnicast;
        }

        /// <summary>0x8000–0xBFFF: the hash of a Label UUID.</summary>
        public static bool IsVirtual(int address)
        {
            return address >= 0x8000 && address <= 0xBFFF;
        }

        /// <summary>0xC000–0xFFFF: group addresses, including the fixed ones.</summary>
        public static bool IsGroup(int address)
        {
            return address >= 0xC000 && address <= 0xFFFF;
        }

        /// <summary>A destination a message may be sent to: anything but unassigned.</summary>
        public static bool IsValidDestination(int address)
        {
            return address >= 0x0001 && address <= 0xFFFF;
        }
    }
}
