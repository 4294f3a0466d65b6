using System;

namespace Gateway.DeviceBuild
{
    /// <summary>
    /// An .nfproj names each nanoFramework package with its assembly version; the toolchain has one
    /// build of each library. They must agree on major.minor.build (the package version): the
    /// revision may differ (System.Threading 1.1.52 ships assembly 1.1.52.34401).
    /// </summary>
    public static class VersionCheck
    {
        /// <summary>Null when <paramref name="wanted"/> (from the .nfproj) matches <paramref name="available"/> (the toolchain's), else the message.</summary>
        public static string Check(string project, string assembly, Version wanted, Version available, string availablePath)
        {
            if (wanted == null)
            {
                return null;
            }

            if (wanted.Major == available.Major && wanted.Minor == available.Minor && Part(wanted.Build) == Part(available.Build))
            {
                return null;
            }

            return project + " references " + assembly + " " + Text(wanted) + ", the toolchain has " + Text(available)
                + " (" + availablePath + "); major.minor.build must match: update the .nfproj and packages.config, or the toolchain";
        }

        private static int Part(int value)
        {
            return value < 0 ? 0 : value;
        }

        private static string Text(Version version)
        {
            return Part(version.Major) + "." + Part(version.Minor) + "." + Part(version.Build);
        }
    }
}
