// Stand-ins (compile check only): nanoFramework.Runtime.Events 1.11.37, as used by the firmware.
namespace nanoFramework.Runtime.Events
{
    using System;

    public delegate void NativeEventHandler(uint data1, uint data2, DateTime time);

    public class NativeEventDispatcher : IDisposable
    {
        public NativeEventDispatcher(string driverName, ulong driverData)
        {
            throw new NotImplementedException("stand-in");
        }

        public event NativeEventHandler OnInterrupt
        {
            add { throw new NotImplementedException("stand-in"); }
            remove { throw new NotImplementedException("stand-in"); }
        }

        public void Dispose()
        {
            throw new NotImplementedException("stand-in");
        }
    }
}
