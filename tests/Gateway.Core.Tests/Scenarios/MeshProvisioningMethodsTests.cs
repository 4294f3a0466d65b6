using System.Collections.Generic;
using Gateway.Core.Mesh.Bearers;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using Gateway.Simulation.Mesh;
using Xunit;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Scenarios
{
    /// <summary>
    /// Every authentication method of MshPRT v1.1 §5.4.2.4 (ble-mesh.md §1.3, §1.9) with both
    /// algorithms over both bearers, end to end on the virtual air in virtual time: the gateway's
    /// <see cref="MeshProvisioner"/> against simulated nodes running the core's device role. A
    /// person reads Output OOB off the node and types Input OOB on it (SimulatedMeshGateway wires both).
    /// </summary>
    public class MeshProvisioningMethodsTests
    {
        private const int CmacOnly = ProvisioningCapabilities.AlgorithmCmacAes128;
        private const int CmacAndHmac = ProvisioningCapabilities.AlgorithmCmacAes128 | ProvisioningCapabilities.AlgorithmHmacSha256;

        private readonly ITestOutputHelper _output;

        public MeshProvisioningMethodsTests(ITestOutputHelper output)
        {
            _output = output;
        }

        public static IEnumerable<object[]> Methods()
        {
            string[] methods =
            {
                "no-oob", "static-16", "static-32",
                "output-numeric", "output-alphanumeric", "output-blink",
                "input-numeric", "input-alphanumeric", "input-push",
            };
            foreach (var bearer in new[] { ProvisioningBearerType.PbAdv, ProvisioningBearerType.PbGatt })
            {
                foreach (int algorithms in new[] { CmacOnly, CmacAndHmac })
                {
                    foreach (string method in methods)
                    {
                        yield return new object[] { bearer, algorithms, method };
                    }
                }
            }
        }

        /// <summary>MshPRT §5.4.2.4: each method, each algorithm, each bearer ends with the same DeviceKey on both sides.</summary>
        [Theory]
        [MemberData(nameof(Methods))]
        public void MshPRT_5_4_2_4_EveryMethodAndAlgorithmProvisionsOverBothBearers(ProvisioningBearerType bearer, int algorithms, string method)
        {
            var home = new SimulatedMeshHome(seed: 40 + algorithms);
            var expected = Configure(home, method);
            var node = home.AddNode(bearer, o =>
            {
                o.Capabilities = Capabilities(algorithms, method);
                o.StaticOob = StaticValue(method);
            });

            Assert.True(home.Run(120_000), MeshProvisioningScenarioTests.Describe(home));
            var record = home.Gateway.Find(node.Uuid);
            var start = node.Session.StartParameters;
            Assert.Equal(ProvisioningOutcome.Success, record.Outcome);
            Assert.Equal(1, record.Attempts);
            Assert.Equal(bearer, record.Bearer);
            Assert.Equal(algorithms == CmacOnly ? ProvisioningAlgorithm.EcdhP256CmacAes128AesCcm : ProvisioningAlgorithm.EcdhP256HmacSha256AesCcm, record.Algorithm);
            Assert.Equal(expected.AuthenticationMethod, record.Method);
            Assert.Equal(expected.AuthenticationMethod, start.AuthenticationMethod);
            Assert.Equal(expected.AuthenticationAction, start.AuthenticationAction);
            Assert.Equal(expected.AuthenticationSize, start.AuthenticationSize);
            Assert.Equal(record.DeviceKey, node.Session.DeviceKey);
            Assert.Equal(record.UnicastAddress, node.Session.Data.UnicastAddress);
            Assert.Equal(0, home.Gateway.Provisioner.ActiveCount);
            _output.WriteLine($"{bearer} {method} algorithms {algorithms}: {record.DurationMs} ms of virtual time");
        }

        /// <summary>
        /// MshPRT §5.4.2.4.2: with a wrong static OOB value on the gateway the device is the first to
        /// know. It receives RandomProvisioner before the gateway gets RandomDevice (the device only
        /// sends its random after checking ours), recomputes ConfirmationProvisioner, finds a mismatch
        /// and answers Provisioning Failed (Confirmation Failed, §5.4.4). The gateway never reaches its
        /// own check: it ends on the device's Failed PDU with code 0x04 and closes the link with Fail.
        /// </summary>
        [Theory]
        [InlineData(ProvisioningBearerType.PbAdv)]
        [InlineData(ProvisioningBearerType.PbGatt)]
        public void MshPRT_5_4_2_4_2_WrongStaticOobFailsBothSidesWithConfirmationFailed(ProvisioningBearerType bearer)
        {
            var home = new SimulatedMeshHome(seed: 50);
            home.Gateway.ConfigureRequest = (uuid, request) =>
            {
                request.StaticOob = Hex.Decode("ffeeddccbbaa99887766554433221100");
                return request;
            };
            var node = home.AddNode(bearer, o =>
            {
                o.Capabilities = Capabilities(CmacAndHmac, "static-16");
                o.StaticOob = StaticValue("static-16");
                o.RetryAfterFailure = false;
            });

            Assert.True(home.RunUntilAllEnded(120_000), MeshProvisioningScenarioTests.Describe(home));
            home.Scheduler.Advance(1_000);
            var record = home.Gateway.Find(node.Uuid);
            Assert.Equal(ProvisioningOutcome.Failed, record.Outcome);
            Assert.Equal(ProvisioningErrorCode.ConfirmationFailed, record.ErrorCode);
            Assert.Equal("device-failed-4", record.FailureDetail);
            Assert.Equal(ProvisioningOutcome.Failed, node.Session.Outcome);
            Assert.Equal(ProvisioningErrorCode.ConfirmationFailed, node.Session.ErrorCode);
            Assert.True(node.Session.IsEnded);
            Assert.Null(node.Session.DeviceKey);
            Assert.Null(record.DeviceKey);
            Assert.Equal(0, home.Gateway.Provisioner.ActiveCount);
        }

        private static ProvisioningStart Configure(SimulatedMeshHome home, string method)
        {
            var expected = new ProvisioningStart();
            switch (method)
            {
                case "static-16":
                case "static-32":
                    home.Gateway.ConfigureRequest = (uuid, request) =>
                    {
                        request.StaticOob = StaticValue(method);
                        return request;
                    };
                    expected.AuthenticationMethod = AuthenticationMethod.StaticOob;
                    break;
                case "output-numeric":
                    Expect(expected, AuthenticationMethod.OutputOob, (int)OutputOobAction.OutputNumeric, 6);
                    break;
                case "output-alphanumeric":
                    Expect(expected, AuthenticationMethod.OutputOob, (int)OutputOobAction.OutputAlphanumeric, 8);
                    break;
                case "output-blink":
                    Expect(expected, AuthenticationMethod.OutputOob, (int)OutputOobAction.Blink, 1);
                    break;
                case "input-numeric":
                    Expect(expected, AuthenticationMethod.InputOob, (int)InputOobAction.InputNumeric, 6);
                    break;
                case "input-alphanumeric":
                    Expect(expected, AuthenticationMethod.InputOob, (int)InputOobAction.InputAlphanumeric, 8);
                    break;
                case "input-push":
                    Expect(expected, AuthenticationMethod.InputOob, (int)InputOobAction.Push, 1);
                    break;
                default:
                    expected.AuthenticationMethod = AuthenticationMethod.NoOob;
                    break;
            }

            return expected;
        }

        private static void Expect(ProvisioningStart start, AuthenticationMethod method, int action, int size)
        {
            start.AuthenticationMethod = method;
            start.AuthenticationAction = action;
            start.AuthenticationSize = size;
        }

        /// <summary>The node offers exactly the method under test (Tables 5.19–5.27).</summary>
        internal static ProvisioningCapabilities Capabilities(int algorithms, string method)
        {
            var c = new ProvisioningCapabilities { NumberOfElements = 1, Algorithms = algorithms };
            switch (method)
            {
                case "static-16":
                case "static-32":
                    c.OobType = ProvisioningCapabilities.OobTypeStatic;
                    break;
                case "output-numeric":
                    c.OutputOobSize = 6;
                    c.OutputOobAction = 1 << (int)OutputOobAction.OutputNumeric;
                    break;
                case "output-alphanumeric":
                    c.OutputOobSize = 8;
                    c.OutputOobAction = 1 << (int)OutputOobAction.OutputAlphanumeric;
                    break;
                case "output-blink":
                    c.OutputOobSize = 1;
                    c.OutputOobAction = 1 << (int)OutputOobAction.Blink;
                    break;
                case "input-numeric":
                    c.InputOobSize = 6;
                    c.InputOobAction = 1 << (int)InputOobAction.InputNumeric;
                    break;
                case "input-alphanumeric":
                    c.InputOobSize = 8;
                    c.InputOobAction = 1 << (int)InputOobAction.InputAlphanumeric;
                    break;
                case "input-push":
                    c.InputOobSize = 1;
                    c.InputOobAction = 1 << (int)InputOobAction.Push;
                    break;
            }

            return c;
        }

        private static byte[] StaticValue(string method)
        {
            if (method == "static-16")
            {
                return Hex.Decode("00112233445566778899aabbccddeeff");
            }

            return method == "static-32" ? Hex.Decode("00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210") : null;
        }
    }
}
