using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace Gateway.Core.Tests.Build
{
    /// <summary>
    /// An .nfproj does not glob: a .cs file added to the folder but not to the project compiles on
    /// the host and is missing on the device. Every .nfproj under firmware/ and tests/ must list
    /// exactly the .cs files of its folder (bin/ and obj/ excluded). Fix with tools/sync-nfproj.sh.
    /// </summary>
    public class NfprojCompileItemsTests
    {
        public static IEnumerable<object[]> Projects()
        {
            return NfProject.FindAll().Select(p => new object[] { Path.GetRelativePath(RepoPaths.RepoRoot, p).Replace('\\', '/') });
        }

        [Fact]
        public void NfprojFiles_ExistForTheCoreAndTheDeviceTests()
        {
            List<string> projects = NfProject.FindAll().Select(p => Path.GetRelativePath(RepoPaths.RepoRoot, p).Replace('\\', '/')).ToList();
            foreach (string assembly in new[] { "Runtime", "Crypto", "Cloud", "Platform", "ZeroConfig", "Camera", "Mesh.Provisioning", "Mesh.Network", "Mesh.Database", "Orchestration" })
            {
                Assert.Contains("firmware/Gateway.Core." + assembly + "/Gateway.Core." + assembly + ".nfproj", projects);
            }

            Assert.Contains("tests/Gateway.Core.DeviceTests/Gateway.Core.DeviceTests.nfproj", projects);
            Assert.Contains("tests/Gateway.Core.Mesh.DeviceTests/Gateway.Core.Mesh.DeviceTests.nfproj", projects);
            Assert.Contains("firmware/Gateway.Firmware/Gateway.Firmware.nfproj", projects);
        }

        [Theory]
        [MemberData(nameof(Projects))]
        public void Nfproj_CompileItemsMatchTheCsFilesInItsFolder(string project)
        {
            NfProject nf = new NfProject(Path.Combine(RepoPaths.RepoRoot, project));
            List<string> listed = nf.CompileItems;
            List<string> onDisk = nf.SourceFilesOnDisk();

            List<string> missing = onDisk.Except(listed, StringComparer.Ordinal).ToList();
            List<string> stale = listed.Except(onDisk, StringComparer.Ordinal).ToList();
            List<string> duplicated = listed.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(
                missing.Count == 0 && stale.Count == 0 && duplicated.Count == 0,
                project + " and its folder differ (run tools/sync-nfproj.sh " + project + "):"
                + (missing.Count > 0 ? "\n  not in the project: " + string.Join(", ", missing) : string.Empty)
                + (stale.Count > 0 ? "\n  listed but not on disk: " + string.Join(", ", stale) : string.Empty)
                + (duplicated.Count > 0 ? "\n  listed twice: " + string.Join(", ", duplicated) : string.Empty));
        }

        [Theory]
        [MemberData(nameof(CoreProjects))]
        public void CoreAssembly_DeviceAndHostProjectsReferenceTheSameLowerAssemblies(string project)
        {
            // The layering (DESIGN.md §3) is a compile-time fact in both builds: the .nfproj and the
            // .csproj of a device assembly name the same lower assemblies, and each .nfproj
            // reference carries the referenced project's own GUID (Visual Studio resolves by it).
            NfProject nf = new NfProject(Path.Combine(RepoPaths.RepoRoot, project));
            string[] device = nf.ProjectReferences.Select(p => Path.GetFileNameWithoutExtension(p)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            XDocument csproj = XDocument.Load(Path.ChangeExtension(nf.Path, ".csproj"));
            string[] host = csproj.Descendants("ProjectReference")
                .Select(e => Path.GetFileNameWithoutExtension(((string)e.Attribute("Include")).Replace('\\', '/')))
                .OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.Equal(host, device);

            XNamespace ms = "http://schemas.microsoft.com/developer/msbuild/2003";
            foreach (XElement reference in XDocument.Load(nf.Path).Descendants(ms + "ProjectReference"))
            {
                string target = Path.GetFullPath(Path.Combine(nf.Directory, ((string)reference.Attribute("Include")).Replace('\\', '/')));
                Assert.Equal(new NfProject(target).Property("ProjectGuid"), (string)reference.Element(ms + "Project"));
                Assert.Equal(Path.GetFileNameWithoutExtension(target), (string)reference.Element(ms + "Name"));
            }
        }

        public static IEnumerable<object[]> CoreProjects()
        {
            return RepoPaths.CoreNfprojs.Select(p => new object[] { Path.GetRelativePath(RepoPaths.RepoRoot, p).Replace('\\', '/') });
        }

        [Theory]
        [MemberData(nameof(Projects))]
        public void Nfproj_ReferencesMatchPackagesConfig(string project)
        {
            // nanoframework.md §0/§9.1: full identities with the nanoFramework public key token,
            // assembly version = package version, HintPath into the solution's packages folder.
            NfProject nf = new NfProject(Path.Combine(RepoPaths.RepoRoot, project));
            Dictionary<string, string> packages = XDocument.Load(Path.Combine(nf.Directory, "packages.config"))
                .Descendants("package")
                .ToDictionary(p => (string)p.Attribute("id"), p => (string)p.Attribute("version"));
            Assert.Contains("nanoFramework.CoreLibrary", packages.Keys);
            Assert.All(
                XDocument.Load(Path.Combine(nf.Directory, "packages.config")).Descendants("package"),
                p => Assert.Equal("netnano1.0", (string)p.Attribute("targetFramework")));

            string packagesFolder = Path.GetRelativePath(nf.Directory, Path.Combine(RepoPaths.RepoRoot, "packages")).Replace('/', '\\');
            Assert.NotEmpty(nf.References);
            foreach (NfReference reference in nf.References)
            {
                Assert.True(reference.HintPath != null, reference.Name + ": no HintPath");
                string[] hint = reference.HintPath.Split('\\');
                Assert.True(hint.Length >= 4 && reference.HintPath.StartsWith(packagesFolder + "\\", StringComparison.Ordinal), reference.Name + ": HintPath " + reference.HintPath + " is not under " + packagesFolder);
                string packageFolder = hint[packagesFolder.Split('\\').Length];
                KeyValuePair<string, string> package = packages.FirstOrDefault(p => packageFolder == p.Key + "." + p.Value);
                Assert.True(package.Key != null, reference.Name + ": HintPath folder " + packageFolder + " is not a package of packages.config");
                Assert.Equal("lib", hint[hint.Length - 2]);
                Assert.Equal(reference.Name, Path.GetFileNameWithoutExtension(hint[hint.Length - 1]));
                Assert.Equal("c07d481e9758c731", reference.Attributes.GetValueOrDefault("PublicKeyToken"));
                Assert.Equal("neutral", reference.Attributes.GetValueOrDefault("Culture"));
                // Assembly version = package version plus a revision: 0 for most packages, a build
                // number for some (System.Threading 1.1.52 ships assembly 1.1.52.34401, per the Samples).
                string version = reference.Attributes.GetValueOrDefault("Version") ?? string.Empty;
                Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(package.Value) + "\\.[0-9]+$", version);
            }
        }

        [Theory]
        [MemberData(nameof(Projects))]
        public void Nfproj_IsANanoFrameworkProjectWithTheSameLanguageVersionAsTheHost(string project)
        {
            NfProject nf = new NfProject(Path.Combine(RepoPaths.RepoRoot, project));
            Assert.Equal("{11A8DD76-328B-46DF-9F39-F559912D0360};{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}", nf.Property("ProjectTypeGuids"));
            Assert.Equal("v1.0", nf.Property("TargetFrameworkVersion"));
            Assert.Equal("13.0", nf.Property("LangVersion"));
            Assert.Matches("^\\{[0-9A-F-]{36}\\}$", nf.Property("ProjectGuid"));
            Assert.Contains("Properties/AssemblyInfo.cs", nf.CompileItems);
        }
    }
}
