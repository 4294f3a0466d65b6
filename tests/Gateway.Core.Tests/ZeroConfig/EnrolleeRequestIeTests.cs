using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Gateway.Cloud.ZeroConfig;
using Gateway.Core.Runtime;
using Gateway.Core.ZeroConfig;
using Gateway.Simulation.Enrollee;
using Xunit;

namespace Gateway.Core.Tests.ZeroConfig
{
    /// <summary>The enrollee request element, OUI type 0xAA (reference/alibaba-provisioning.md §1.1) and the found record (§1.2 row 1).</summary>
    public class EnrolleeRequestIeTests
    {
        // docs/cloud-protocol.md §4.1: lamp-01 / a1LampPk001, random 10 21 32 … 0F, ProductSecret LampProdSecret16.
        private const string DocRecord = "076C616D702D30310B61314C616D70506B30303110102132435465768798A9BACBDCEDFE0F030014B71568F4B31B16391284B2A701EB6BF2549477FC";
        private const string DocRandom = "102132435465768798A9BACBDCEDFE0F";

        // The same enrollee as a whole element, written out field by field from the §1.1 table.
        private const string DocElement =
            "DD" + "42" + "D896E0" + "AA" + "01"
            + "07" + "6C616D702D3031"               // dn_len, "lamp-01"
            + "00"                                   // frame_type: enrollee
            + "0B" + "61314C616D70506B303031"       // pk_len, "a1LampPk001"
            + "10" + DocRandom                       // rand_len, random
            + "03" + "00" + "14"                     // security 3, HMAC-SHA1, sign_len 20
            + "B71568F4B31B16391284B2A701EB6BF2549477FC";

        [Fact]
        public void Section1_1_DocExampleElementDecodes()
        {
            byte[] element = Hex.Decode(DocElement);
            Assert.Equal(element.Length - 2, element[1]);
            EnrolleeRequestIe ie = EnrolleeRequestIe.Parse(element, 0, element.Length);
            Assert.Equal("lamp-01", ie.GetDeviceName());
            Assert.Equal("a1LampPk001", ie.GetProductKey());
            Assert.Equal(3, ie.Security);
            Assert.Equal(0, ie.SignMethod);
            Assert.True(ie.IsDevice("a1LampPk001", "lamp-01"));
            Assert.False(ie.IsDevice("a1LampPk001", "lamp-02"));
            Assert.True(ie.HasRandom(Hex.Decode(DocRandom), 0));

            // The sign is HMAC-SHA1(ProductSecret, random ‖ DN ‖ PK) as .NET computes it (§0 "Signature").
            byte[] sign = new byte[20];
            ie.CopySign(sign, 0);
            byte[] expected = HMACSHA1.HashData(Encoding.ASCII.GetBytes("LampProdSecret16"), Hex.Decode(DocRandom).Concat(Encoding.ASCII.GetBytes("lamp-01a1LampPk001")).ToArray());
            Assert.Equal(expected, sign);
        }

        [Fact]
        public void Section1_2_FoundRecordIsTheElementBodyWithoutHeaderVersionAndFrameType()
        {
            byte[] element = Hex.Decode(DocElement);
            EnrolleeRequestIe ie = EnrolleeRequestIe.Parse(element, 0, element.Length);
            byte[] record = new byte[EnrolleeRequestIe.MaxRecordLength + 3];
            int n = ie.WriteFoundRecord(record, 3);
            Assert.Equal(ie.RecordLength, n);
            Assert.Equal(DocRecord, Convert.ToHexString(record, 3, n));

            // The emulator's own parser and builder (tools/Gateway.Cloud) agree byte for byte.
            Assert.True(EnrolleeReport.TryParse(record.AsSpan(3, n).ToArray(), out EnrolleeReport report, out _));
            Assert.Equal("lamp-01", report.DeviceName);
            Assert.Equal(DocRecord, Convert.ToHexString(EnrolleeReport.Build("a1LampPk001", "lamp-01", Hex.Decode(DocRandom), "LampProdSecret16")));
        }

        [Fact]
        public void Section1_1_SimulatedEnrolleesElementDecodes()
        {
            byte[] random = Enumerable.Range(0, 16).Select(i => (byte)(0xF0 - i)).ToArray();
            byte[] sign = AwssEnrolleeCodec.ComputeSign("LampProdSecret16", random, "lamp-07", "a1LampPk001");
            byte[] element = AwssEnrolleeCodec.BuildRequestElement("a1LampPk001", "lamp-07", random, 3, sign);
            var ie = new EnrolleeRequestIe();
            ie.Decode(element, 0, element.Length);
            Assert.Equal("lamp-07", ie.GetDeviceName());
            Assert.True(ie.HasRandom(random, 0));
        }

        [Theory]
        [InlineData(1, 3, 0)]
        [InlineData(64, 20, 1)]
        public void Section1_1_LimitsAtTheirEdgesAreAccepted(int dnLength, int pkLength, int signMethod)
        {
            for (byte security = 3; security <= 5; security++)
            {
                byte[] element = Build(dn: new string('d', dnLength), pk: new string('p', pkLength), security: security, signMethod: (byte)signMethod);
                EnrolleeRequestIe ie = EnrolleeRequestIe.Parse(element, 0, element.Length);
                Assert.Equal(dnLength, ie.DeviceNameLength);
                Assert.Equal(pkLength, ie.ProductKeyLength);
                Assert.Equal(security, ie.Security);
            }
        }

        public static IEnumerable<object[]> Violations()
        {
            yield return new object[] { "version 0", Build(version: 0x00), "version" };
            yield return new object[] { "version 0x11", Build(version: 0x11), "version" };
            yield return new object[] { "dn_len 0", Build(dn: string.Empty), "device name length" };
            yield return new object[] { "dn_len 65", Build(dn: new string('d', 65)), "device name length" };
            yield return new object[] { "frame_type 1", Build(frameType: 1), "frame_type" };
            yield return new object[] { "pk_len 0", Build(pk: string.Empty), "product key length" };
            yield return new object[] { "pk_len 21", Build(pk: new string('p', 21)), "product key length" };
            yield return new object[] { "rand_len 15", Build(random: new byte[15]), "rand_len" };
            yield return new object[] { "rand_len 17", Build(random: new byte[17]), "rand_len" };
            yield return new object[] { "security 2", Build(security: 2), "security" };
            yield return new object[] { "security 6", Build(security: 6), "security" };
            yield return new object[] { "sign_method 2", Build(signMethod: 2), "sign_method" };
            yield return new object[] { "sign_len 19", Build(sign: new byte[19]), "sign_len" };
            yield return new object[] { "sign_len 21", Build(sign: new byte[21]), "sign_len" };
            yield return new object[] { "trailing octet", Build(trailing: 1), "after the signature" };
            yield return new object[] { "declared length too long", Build(declaredDelta: 1), "exceeds" };
            yield return new object[] { "declared length too short", Build(declaredDelta: -1), "ends" };
            yield return new object[] { "space in DN", Build(dn: "lamp 01"), "printable" };
            yield return new object[] { "slash in PK", Build(pk: "a1/Lamp"), "printable" };
            yield return new object[] { "quote in DN", Build(dn: "lamp\"01"), "printable" };
            yield return new object[] { "non-ASCII in DN", Build(dnBytes: new byte[] { 0x6C, 0xC3, 0xA4 }), "printable" };
        }

        [Theory]
        [MemberData(nameof(Violations))]
        public void Section1_1_EveryRegistrarLimitIsATypedError(string what, byte[] element, string messagePart)
        {
            var ie = new EnrolleeRequestIe();
            var e = Assert.Throws<ZeroConfigFormatException>(() => ie.Decode(element, 0, element.Length));
            Assert.True(e.Message.Contains(messagePart, StringComparison.Ordinal), what + ": " + e.Message);
            Assert.False(ie.IsValid);
        }

        [Fact]
        public void TruncatedElementsAtEveryLengthAreTypedErrors()
        {
            byte[] full = Hex.Decode(DocElement);
            for (int n = 0; n < full.Length; n++)
            {
                byte[] cut = full.Take(n).ToArray();
                Assert.Throws<ZeroConfigFormatException>(() => EnrolleeRequestIe.Parse(cut, 0, cut.Length));
                if (n >= 2)
                {
                    cut[1] = (byte)(n - 2); // consistent length, body cut short
                    Assert.Throws<ZeroConfigFormatException>(() => EnrolleeRequestIe.Parse(cut, 0, cut.Length));
                }
            }
        }

        [Fact]
        public void ArbitraryBodiesBehindAValidHeaderDecodeOrAreTypedErrors()
        {
            var random = new Random(20240601);
            var ie = new EnrolleeRequestIe();
            int decoded = 0;
            byte[] good = Hex.Decode(DocElement);
            for (int round = 0; round < 20000; round++)
            {
                byte[] element;
                if (round % 2 == 0)
                {
                    element = new byte[random.Next(0, 80)];
                    random.NextBytes(element);
                    if (element.Length >= 6)
                    {
                        element[0] = 221;
                        element[2] = 0xD8;
                        element[3] = 0x96;
                        element[4] = 0xE0;
                        element[5] = 0xAA;
                    }
                }
                else
                {
                    // Mutate one octet of a good element.
                    element = (byte[])good.Clone();
                    element[random.Next(element.Length)] = (byte)random.Next(256);
                }

                try
                {
                    ie.Decode(element, 0, element.Length);
                    decoded++;
                }
                catch (ZeroConfigFormatException)
                {
                }
            }

            Assert.True(decoded > 0, "some mutations stay valid");
        }

        [Theory]
        [InlineData("DD42D896E1AA")] // another OUI
        [InlineData("DD42D896E0AB")] // the registrar's type
        [InlineData("DD42D896E0AC")] // mode switch
        [InlineData("DC42D896E0AA")] // not a vendor element
        [InlineData("DD42D896E0")]   // too short for a header
        public void ForeignElementsAreNotEnrolleeElements(string header)
        {
            byte[] element = Hex.Decode(header);
            Assert.False(AwssVendorElement.HasType(element, 0, element.Length, AwssVendorElement.OuiTypeEnrollee));
            Assert.Throws<ZeroConfigFormatException>(() => EnrolleeRequestIe.Parse(element, 0, element.Length));
        }

        [Fact]
        public void DecodeWindowOutsideTheBufferIsATypedError()
        {
            byte[] element = Hex.Decode(DocElement);
            var ie = new EnrolleeRequestIe();
            Assert.Throws<ZeroConfigFormatException>(() => ie.Decode(element, 10, element.Length));
            Assert.Throws<ZeroConfigFormatException>(() => ie.Decode(null, 0, 0));
            Assert.Throws<ZeroConfigFormatException>(() => ie.Decode(element, -1, 3));
        }

        internal static byte[] Build(
            byte version = 0x01,
            string dn = "lamp-01",
            byte[] dnBytes = null,
            byte frameType = 0,
            string pk = "a1LampPk001",
            byte[] random = null,
            byte security = 3,
            byte signMethod = 0,
            byte[] sign = null,
            int trailing = 0,
            int declaredDelta = 0)
        {
            dnBytes ??= Encoding.ASCII.GetBytes(dn);
            random ??= Hex.Decode(DocRandom);
            sign ??= new byte[20];
            var body = new List<byte> { 0xD8, 0x96, 0xE0, 0xAA, version, (byte)dnBytes.Length };
            body.AddRange(dnBytes);
            body.Add(frameType);
            body.Add((byte)pk.Length);
            body.AddRange(Encoding.ASCII.GetBytes(pk));
            body.Add((byte)random.Length);
            body.AddRange(random);
            body.Add(security);
            body.Add(signMethod);
            body.Add((byte)sign.Length);
            body.AddRange(sign);
            body.AddRange(new byte[trailing]);
            var element = new List<byte> { 221, (byte)(body.Count + declaredDelta) };
            element.AddRange(body);
            return element.ToArray();
        }
    }
}
