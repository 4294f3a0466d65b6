// Stand-ins (compile check only): nanoFramework.System.Threading 1.1.52 (CancellationToken and its
// source only; the rest of System.Threading is mscorlib's). They shadow .NET's types here (CS0436).
namespace System.Threading
{
    public struct CancellationToken
    {
    }

    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource(int millisecondsDelay)
        {
            throw new NotImplementedException("stand-in");
        }

        public CancellationToken Token
        {
            get { throw new NotImplementedException("stand-in"); }
        }

        public void Dispose()
        {
            throw new NotImplementedException("stand-in");
        }
    }
}
