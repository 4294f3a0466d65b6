// Stand-ins (compile check only): nanoFramework.System.IO.FileSystem 1.1.93, as used by the
// firmware. They shadow .NET's System.IO.File and Directory here (CS0436), so an overload that
// only .NET has (File.Move with overwrite, File.ReadAllBytesAsync, ...) does not compile.
namespace System.IO
{
    public static class File
    {
        public static bool Exists(string path)
        {
            throw new NotImplementedException("stand-in");
        }

        public static byte[] ReadAllBytes(string path)
        {
            throw new NotImplementedException("stand-in");
        }

        public static string ReadAllText(string path)
        {
            throw new NotImplementedException("stand-in");
        }

        public static void WriteAllBytes(string path, byte[] bytes)
        {
            throw new NotImplementedException("stand-in");
        }

        public static void Delete(string path)
        {
            throw new NotImplementedException("stand-in");
        }

        public static void Move(string sourceFileName, string destFileName)
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public static class Directory
    {
        public static DirectoryInfo CreateDirectory(string path)
        {
            throw new NotImplementedException("stand-in");
        }

        public static bool Exists(string path)
        {
            throw new NotImplementedException("stand-in");
        }

        public static string[] GetFiles(string path)
        {
            throw new NotImplementedException("stand-in");
        }
    }

    public sealed class DirectoryInfo
    {
        internal DirectoryInfo(int standIn)
        {
        }
    }
}
