// Stand-ins (compile check only): the members of nanoFramework.Runtime.Native 1.7.11 that the
// firmware uses, with the signatures of shared/reference/nanoframework-api/nanoFramework.Runtime.Native.txt.
// Every body throws: these types exist so the firmware compiles on the host, never to run.
namespace System
{
    public static class Environment
    {
        public static long TickCount64
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }
}

namespace nanoFramework.Runtime.Native
{
    using System;

    public static class GC
    {
        public static uint Run(bool compactHeap)
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public static class SystemInfo
    {
        public static string TargetName
        {
            get { throw new NotImplementedException("stand-in"); }
        }
    }
}
