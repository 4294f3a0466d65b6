namespace Gateway.Firmware.Storage
{
    /// <summary>File names from the full paths that Directory.GetFiles returns.</summary>
    /// <remarks>
    /// No nanoFramework API in this part: tests/Gateway.Core.Tests compiles it on the host
    /// (Firmware/FirmwareAdapterLogicTests). Keep it that way.
    /// </remarks>
    public sealed partial class LittleFsFileSystem
    {
        /// <summary>The last path segment ('\' or '/' separated): GetFiles returns full paths.</summary>
        public static string FileNameOf(string path)
        {
            int cut = -1;
            for (int i = 0; i < path.Length; i++)
            {
                if (path[i] == '\\' || path[i] == '/')
                {
                    cut = i;
                }
            }

            return path.Substring(cut + 1);
        }
    }
}
