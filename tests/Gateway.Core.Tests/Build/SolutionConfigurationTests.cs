using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// Gateway.sln shows the nanoFramework projects to Visual Studio users but must keep
    /// `dotnet build Gateway.sln` green where the nanoFramework project system and packages are
    /// absent: the .nfproj entries are built only by the "Device" solution configuration, and
    /// the host projects are not built there (docs/BUILD.md).
    /// </summary>
    public class SolutionConfigurationTests
    {
        private const string NanoFrameworkProjectType = "{11A8DD76-328B-46DF-9F39-F559912D0360}";

        private static readonly string Solution = File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "Gateway.sln"));

        [Fact]
        public void Solution_ListsEveryNfprojAsANanoFrameworkProject()
        {
            Dictionary<string, string> projects = Projects();
            foreach (string nfproj in NfProject.FindAll())
            {
                string relative = Path.GetRelativePath(RepoPaths.RepoRoot, nfproj).Replace('/', '\\');
                Assert.True(projects.ContainsKey(relative), relative + " is not in Gateway.sln");
                Assert.Equal(NanoFrameworkProjectType, projects[relative]);
            }
        }

        [Fact]
        public void Solution_BuildsNfprojOnlyInTheDeviceConfiguration()
        {
            Assert.Contains("Device|Any CPU = Device|Any CPU", Solution);
            foreach (string guid in ProjectGuids(nanoFramework: true))
            {
                Assert.DoesNotMatch(Regex.Escape(guid) + @"\.(Debug|Release)\|[^.]+\.(Build|Deploy)\.0", Solution);
                Assert.Contains(guid + ".Device|Any CPU.Build.0 = Debug|Any CPU", Solution);
            }

            foreach (string guid in ProjectGuids(nanoFramework: false))
            {
                Assert.Contains(guid + ".Debug|Any CPU.Build.0 = Debug|Any CPU", Solution);
                Assert.DoesNotContain(guid + ".Device|Any CPU.Build.0", Solution);
            }
        }

        private static Dictionary<string, string> Projects()
        {
            return Regex.Matches(Solution, "Project\\(\"(\\{[^}]+\\})\"\\) = \"[^\"]*\", \"([^\"]+)\", \"(\\{[^}]+\\})\"")
                .Where(m => m.Groups[2].Value.EndsWith("proj", System.StringComparison.Ordinal))
                .ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
        }

        private static IEnumerable<string> ProjectGuids(bool nanoFramework)
        {
            return Regex.Matches(Solution, "Project\\(\"(\\{[^}]+\\})\"\\) = \"[^\"]*\", \"([^\"]+proj)\", \"(\\{[^}]+\\})\"")
                .Where(m => (m.Groups[1].Value == NanoFrameworkProjectType) == nanoFramework)
                .Select(m => m.Groups[3].Value)
                .ToList();
        }
    }
}
