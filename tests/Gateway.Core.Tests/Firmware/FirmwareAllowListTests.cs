using System.Collections.Generic;
using System.Linq;
using Gateway.Core.Tests.Build;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Firmware
{
    /// <summary>
    /// The allow-list of AllowListTests applied to the firmware: every framework symbol that
    /// firmware/Gateway.Firmware uses outside its stand-ins (Thread, Timer, AutoResetEvent, Random,
    /// Console, ArrayList, ...) must be in the API lists of the assemblies Gateway.Firmware.nfproj
    /// references, with the same overload. The stand-ins themselves are held to the lists by
    /// <see cref="StandInSurfaceTests"/>; here they are compiled in, so their types count as the
    /// firmware's own.
    /// </summary>
    public class FirmwareAllowListTests
    {
        private readonly ITestOutputHelper _output;

        public FirmwareAllowListTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [SkippableFact]
        public void Firmware_UsesOnlyTheDeviceApiOfItsReferences()
        {
            DeviceApi api = FirmwarePaths.LoadFirmwareApi();
            NfProject firmware = new NfProject(FirmwarePaths.Nfproj);
            List<string> files = firmware.CompileFiles.ToList();
            files.AddRange(FirmwarePaths.StandInFiles());
            foreach (string reference in firmware.ProjectReferences)
            {
                files.AddRange(new NfProject(reference).CompileFiles.Where(f => !f.EndsWith("AssemblyInfo.cs", System.StringComparison.Ordinal)));
            }

            Compilation compilation = InMemoryCompiler.CompileFiles("Gateway.Firmware", files);
            Assert.Empty(InMemoryCompiler.Errors(compilation));

            DeviceApiChecker checker = new DeviceApiChecker(api, compilation);
            List<string> violations = checker.Run();
            _output.WriteLine(files.Count + " files, " + checker.CheckedCount + " framework symbols checked");
            Assert.True(checker.CheckedCount > 40, "the checker saw almost nothing");
            Assert.Contains("System.Threading.Thread", checker.CheckedSymbols);
            Assert.True(violations.Count == 0, "the firmware uses APIs that nanoFramework stable lacks:\n  " + string.Join("\n  ", violations));
        }

        [Fact]
        public void Firmware_ReferencesTheCoreAndTheDevicePackagesItUses()
        {
            NfProject firmware = new NfProject(FirmwarePaths.Nfproj);
            Assert.Equal(new[] { RepoPaths.CoreNfproj }, firmware.ProjectReferences);
            Assert.Equal("Exe", firmware.Property("OutputType"));

            // Everything the core needs is deployed with the application.
            IEnumerable<string> core = new NfProject(RepoPaths.CoreNfproj).References.Select(r => r.Include);
            Assert.All(core, c => Assert.Contains(firmware.References, r => r.Include == c));
            string[] names = firmware.References.Select(r => r.Name).ToArray();
            foreach (string needed in new[] { "nanoFramework.Device.Bluetooth", "nanoFramework.M2Mqtt", "nanoFramework.M2Mqtt.Core", "System.Device.Wifi", "System.Net", "nanoFramework.System.Security.Cryptography", "System.IO.FileSystem", "nanoFramework.Runtime.Native", "nanoFramework.Runtime.Events" })
            {
                Assert.Contains(needed, names);
            }
        }
    }
}
