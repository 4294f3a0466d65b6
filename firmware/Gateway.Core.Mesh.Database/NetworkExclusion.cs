using System.Collections;

namespace Gateway.Core.Mesh.Database
{
    /// <summary>
    /// One CDB "networkExclusions[]" entry (reference/ble-mesh.md §5): the unicast addresses of
    /// nodes removed while <see cref="IvIndex"/> was current. Other nodes may still hold replay
    /// protection entries (IV Index, SEQ) for them, so they stay out of use until the IV Index has
    /// advanced by 2 (<see cref="UnicastAllocator"/> explains the rule).
    /// </summary>
    public sealed class NetworkExclusion
    {
        public NetworkExclusion(uint ivIndex)
        {
            IvIndex = ivIndex;
        }

        public uint IvIndex { get; }

        /// <summary>Unicast addresses (boxed int), ascending.</summary>
        public ArrayList Addresses { get; } = new ArrayList();

        /// <summary>True while an address excluded at <see cref="IvIndex"/> may not be given to a new node.</summary>
        public bool BlocksAt(uint currentIvIndex)
        {
            // IV Index is a 32-bit counter that never wraps in practice; compare without overflow.
            return currentIvIndex < IvIndex || currentIvIndex - IvIndex < UnicastAllocator.ReuseIvDistance;
        }

        public bool Contains(int address)
        {
            return Addresses.Contains(address);
        }

        /// <summary>True when an address of [first, last] is in this entry.</summary>
        public bool Overlaps(int first, int last)
        {
            for (int i = 0; i < Addresses.Count; i++)
            {
                int a = (int)Addresses[i];
                if (a >= first && a <= last)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds an address once, keeping the list ascending.</summary>
        public void Add(int address)
        {
            int position = 0;
            while (position < Addresses.Count)
            {
                int a = (int)Addresses[position];
                if (a == address)
                {
                    return;
                }

                if (a > address)
                {
                    break;
                }

                position++;
            }

            Addresses.Insert(position, address);
        }
    }
}
