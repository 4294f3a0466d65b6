using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;
using Gateway.Core.Cloud;
using Gateway.Core.Crypto;
using Gateway.Core.Mesh.Provisioning;
using Gateway.Core.Runtime;
using Gateway.Host.Cloud;
using Gateway.Host.Crypto;
using Xunit;

namespace Gateway.Core.Tests.Crypto
{
    /// <summary>
    /// DESIGN.md §6 and the core's rules: keys, private keys, ECDH secrets, device secrets and OOB
    /// values never appear in an exception message. Every API that throws on bad input is fed
    /// recognisable secret bytes in the malformed argument (or holds them as its key) and the whole
    /// exception text (<see cref="Exception.ToString"/>: message, inner exceptions) is searched for
    /// the secret as hex (either case, with or without dashes), Base64 and any 6-octet piece of it.
    /// </summary>
    public class SecretsInMessagesTests
    {
        // No run of zeros or repeated octets, so a piece of it cannot match a message by chance.
        private static readonly byte[] Key16 = Hex.Decode("3c9e5fa1d2b47e0836c1f9a2e4b70d5c");
        private static readonly byte[] Secret32 = Hex.Decode("3c9e5fa1d2b47e0836c1f9a2e4b70d5c8f2ad4e61b3c7059a6e2f1d03b8c4e97");

        // A scalar >= n (n starts ffffffff00000000ffffffff) carrying 24 secret octets.
        private static readonly byte[] ScalarAboveN = Hex.Decode("ffffffffffffffff" + "3c9e5fa1d2b47e0836c1f9a2e4b70d5c8f2ad4e61b3c7059");

        private const string DeviceSecret = "Zq8sW3eRt5Yu7Io9Pa1Sd2Fg";

        private const string ProvisionerPublicKey =
            "2c31a47b5779809ef44cb5eaaf5c3e43d5f8faad4a8794cb987e9b03745c78dd" +
            "919512183898dfbecd52e2408e43871fd021109117bd3ed4eaf8437743715d4f";

        [Theory]
        [InlineData(P256Reference.Managed)]
        [InlineData(P256Reference.Host)]
        public void KeyAgreement_BadPrivateKeysNeverShowTheScalar(string implementation)
        {
            IKeyAgreement ka = P256Reference.Create(implementation);
            AssertSecretFree(() => ka.CreateKeyPair(ScalarAboveN), ScalarAboveN);
            AssertSecretFree(() => ka.CreateKeyPair(Hex.Decode(Hex.Encode(Secret32).Substring(2))), Secret32);
            AssertSecretFree(() => new P256KeyPair(Key16, new byte[64]), Key16);

            // A pair made around the checks (a corrupted stored key) is refused at use, quietly.
            P256KeyPair corrupted = new P256KeyPair(ScalarAboveN, Hex.Decode(ProvisionerPublicKey));
            AssertSecretFree(() => ka.TryComputeSharedSecret(corrupted, Hex.Decode(ProvisionerPublicKey), 0, new byte[32], 0), ScalarAboveN);
            P256KeyPair valid = ka.CreateKeyPair(Secret32);
            AssertSecretFree(() => ka.TryComputeSharedSecret(valid, Hex.Decode(ProvisionerPublicKey), 0, new byte[31], 0), Secret32);
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void BlockCipherModes_WrongLengthsNeverShowKeyOrData(string backend)
        {
            IAes128 aes = AesBackends.Create(backend);
            AssertSecretFree(() => aes.CreateEncryptor(Hex.Decode(Hex.Encode(Secret32).Substring(0, 30))), Key16);
            AssertSecretFree(() => aes.CreateEncryptor(Secret32), Secret32);

            IBlockCipher cipher = aes.CreateEncryptor(Key16);
            AssertSecretFree(() => cipher.EncryptBlock(Secret32, 20, new byte[16], 0), Secret32, Key16);
            AssertSecretFree(() => new AesCbc(cipher).Decrypt(new byte[16], 0, Secret32, 0, 24, new byte[32], 0), Secret32, Key16);
            AssertSecretFree(() => new AesCfb128(cipher).Encrypt(Key16, 1, Secret32, 0, 32, new byte[32], 0), Secret32, Key16);

            AesCmac cmac = new AesCmac(aes, Key16);
            AssertSecretFree(() => cmac.Compute(Secret32, 8, 32, new byte[16], 0), Secret32, Key16);
            AssertSecretFree(() => cmac.Compute(Secret32, 0, 32, Secret32, 20), Secret32, Key16);
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void Ccm_WrongLengthsNeverShowKeyNonceOrPlaintext(string backend)
        {
            AesCcm ccm = new AesCcm(AesBackends.Create(backend), Key16);
            byte[] nonce = Hex.Decode("da7ddbe78b5f62b81d6847487e");
            byte[] output = new byte[48];
            AssertSecretFree(() => ccm.Encrypt(nonce, 0, Secret32, 0, 32, null, 0, 0, output, 0, 5), Secret32, Key16);
            AssertSecretFree(() => ccm.Encrypt(nonce, 0, Secret32, 0, 32, null, 0, 0, output, 0, 18), Secret32, Key16);
            AssertSecretFree(() => ccm.Encrypt(Secret32, 24, Secret32, 0, 32, null, 0, 0, output, 0, 8), Secret32, Key16);
            AssertSecretFree(() => ccm.Encrypt(nonce, 0, Secret32, 0, 33, null, 0, 0, output, 0, 8), Secret32, Key16);
            AssertSecretFree(() => ccm.Encrypt(nonce, 0, Secret32, 0, 32, Secret32, 30, 4, output, 0, 8), Secret32, Key16);
            AssertSecretFree(() => ccm.Encrypt(nonce, 0, Secret32, 0, 32, null, 0, 0, new byte[39], 0, 8), Secret32, Key16);
            AssertSecretFree(() => ccm.TryDecrypt(nonce, 0, Secret32, 0, 3, null, 0, 0, output, 0, 4), Secret32, Key16);
            AssertSecretFree(() => ccm.TryDecrypt(nonce, 0, Secret32, 0, 32, null, 0, 0, new byte[23], 0, 8), Secret32, Key16);
            AssertSecretFree(() => new AesCcm(AesBackends.Create(backend).CreateEncryptor(Key16), 6), Key16);
        }

        [Fact]
        public void HashesAndMacs_BadRangesNeverShowKeyOrMessage()
        {
            AssertSecretFree(() => new HmacSha256(Secret32, 0, 33), Secret32);
            AssertSecretFree(() => new HmacSha256(Secret32, -1, 4), Secret32);
            HmacSha256 hmac = new HmacSha256(Secret32);
            AssertSecretFree(() => hmac.Compute(Key16, 0, 16, new byte[31], 0), Secret32, Key16);
            AssertSecretFree(() => HmacSha256.Compute(Secret32, Key16, 4, 16, new byte[32], 0), Secret32, Key16);
            AssertSecretFree(() => new Sha256().Update(Secret32, 4, 40), Secret32);
            AssertSecretFree(() => Sha256.Hash(Secret32, 0, 32, Secret32, 1), Secret32);
        }

        [Theory]
        [MemberData(nameof(AesBackends.Names), MemberType = typeof(AesBackends))]
        public void MeshAndProvisioningDerivations_WrongLengthsNeverShowKeys(string backend)
        {
            MeshCrypto mesh = new MeshCrypto(AesBackends.Create(backend));
            byte[] key15 = Hex.Decode(Hex.Encode(Key16).Substring(2));
            AssertSecretFree(() => mesh.K2(key15, new byte[] { 0 }, new byte[16], new byte[16]), Key16);
            AssertSecretFree(() => mesh.K2(Key16, new byte[] { 0 }, new byte[15], new byte[16]), Key16);
            AssertSecretFree(() => mesh.K3(key15), Key16);
            AssertSecretFree(() => mesh.K4(key15), Key16);
            AssertSecretFree(() => mesh.K1(Secret32, key15, new byte[4]), Secret32, Key16);
            AssertSecretFree(() => mesh.IdentityKey(key15), Key16);
            AssertSecretFree(() => mesh.BeaconKey(Secret32, 20, new byte[16], 0), Secret32);
            AssertSecretFree(() => mesh.K5(Secret32, 0, 33, Key16, 0, 16, new byte[4], 0, 4, new byte[32], 0), Secret32, Key16);

            ProvisioningCrypto prov = new ProvisioningCrypto(AesBackends.Create(backend));
            AssertSecretFree(() => prov.ConfirmationKey(0, Key16, Key16, new byte[16]), Key16);
            AssertSecretFree(() => prov.ConfirmationKey(1, Secret32, Secret32, Key16), Secret32, Key16);
            AssertSecretFree(() => prov.SessionKey(Key16, Key16), Key16);
            AssertSecretFree(() => prov.DeviceKey(Secret32, Secret32), Secret32);
            AssertSecretFree(() => prov.Confirmation(0, Key16, Key16, Secret32), Key16, Secret32);

            byte[] data = ProvisioningDataWithKey(0x0567, 0x0b0c);
            AssertSecretFree(() => prov.EncryptProvisioningData(Key16, new byte[12], data, 0, new byte[33], 0), Key16);
            AssertSecretFree(() => prov.EncryptProvisioningData(Key16, new byte[13], data, 2, new byte[33], 0), Key16);
            AssertSecretFree(() => prov.TryDecryptProvisioningData(Key16, new byte[13], data, 0, new byte[25], 0), Key16);
        }

        [Fact]
        public void Codecs_MalformedInputCarryingAKeyNeverShowsIt()
        {
            string hex = Hex.Encode(Secret32);
            AssertSecretFree(() => Hex.Decode(hex + "g0"), Secret32);
            AssertSecretFree(() => Hex.Decode(hex.Substring(0, 40) + "x" + hex.Substring(41)), Secret32);
            AssertSecretFree(() => Hex.Decode(hex + "0"), Secret32);

            // Provisioning Data: the NetKey comes first, then the fields a device checks.
            AssertSecretFree(() => ProvisioningData.Parse(ProvisioningDataWithKey(0x0567, 0x0b0c), 0, 24), Key16);
            AssertSecretFree(() => ProvisioningData.Parse(ProvisioningDataWithKey(0x1567, 0x0b0c), 0, 25), Key16);
            AssertSecretFree(() => ProvisioningData.Parse(ProvisioningDataWithKey(0x0567, 0x8001), 0, 25), Key16);
            AssertSecretFree(() => ProvisioningData.Parse(ProvisioningDataWithKey(0x0567, 0x0b0c), 2, 25), Key16);
            AssertSecretFree(() => new ProvisioningData(Hex.Decode(hex.Substring(0, 30)), 0, 0, 0, 1), Key16);

            ByteReader reader = new ByteReader(Secret32, 4, 20);
            AssertSecretFree(() => reader.ReadBytes(21), Secret32);
            AssertSecretFree(() => new ByteWriter(Secret32, 0, 8).WriteBytes(Key16), Secret32, Key16);

            // An alphanumeric OOB value is an AuthValue: its text must not leak either.
            AssertSecretFree(() => AuthValue.FromAlphanumeric("K7Q2Z9X?", 16), Encoding.ASCII.GetBytes("K7Q2Z9"));
            AssertSecretFree(() => AuthValue.FromAlphanumeric("K7Q2Z9Xab", 16), Encoding.ASCII.GetBytes("K7Q2Z9"));
        }

        [Fact]
        public void Json_MalformedDocumentsCarryingASecretNeverShowIt()
        {
            byte[] secretText = Encoding.ASCII.GetBytes(DeviceSecret);
            string[] documents =
            {
                "{\"deviceSecret\":\"" + DeviceSecret,
                "{\"deviceSecret\":\"" + DeviceSecret + "\" \"x\":1}",
                "{\"deviceSecret\":\"" + DeviceSecret + "\\q\"}",
                "{\"deviceSecret\":" + DeviceSecret + "}",
                "[\"" + DeviceSecret + "\",]",
                "{\"deviceSecret\":\"" + DeviceSecret + "\u0001\"}",
            };

            foreach (IJsonDom dom in new IJsonDom[] { new JsonDom(), new SystemTextJsonDom() })
            {
                foreach (string document in documents)
                {
                    AssertSecretFree(() => dom.Parse(document), secretText);
                    byte[] utf8 = Encoding.UTF8.GetBytes(document);
                    AssertSecretFree(() => dom.Parse(utf8, 0, utf8.Length), secretText);
                }
            }

            string tooLong = "{\"deviceSecret\":\"" + DeviceSecret + "\",\"pad\":\"" + new string('p', 60) + "\"}";
            foreach (IJsonDom limited in new IJsonDom[] { new JsonDom(64, 4), new SystemTextJsonDom(64, 4) })
            {
                AssertSecretFree(() => limited.Parse(tooLong), secretText);
            }

            // A field of the wrong shape is named by its name only.
            Hashtable shaped = (Hashtable)new JsonDom().Parse("{\"deviceSecret\":[\"" + DeviceSecret + "\"]}");
            AssertSecretFree(() => JsonFieldsString(shaped), secretText);
        }

        [Fact]
        public void Cloud_BadNamesAndSignInInputsNeverShowTheDeviceSecret()
        {
            byte[] secretText = Encoding.ASCII.GetBytes(DeviceSecret);
            AssertSecretFree(() => new DeviceCredentials("a1b2c3", "bad/name", DeviceSecret), secretText);
            AssertSecretFree(() => new DeviceCredentials("a1b2c3", DeviceSecret + "#", DeviceSecret), secretText);
            AssertSecretFree(() => new DeviceCredentials("a1b2c3", "dn", string.Empty), secretText);

            LinkKitSignIn signIn = new LinkKitSignIn(new DeviceCredentials("a1b2c3", "dn", DeviceSecret), new DotNetHmacSha256());
            AssertSecretFree(() => signIn.CreateConnectOptions(string.Empty, LinkKitSecureMode.TlsDirect, "1", true, 60), secretText);
            AssertSecretFree(() => signIn.CreateConnectOptions("id|x", LinkKitSecureMode.TlsDirect, "1", true, 60), secretText);
            AssertSecretFree(() => signIn.CreateConnectOptions("id", LinkKitSecureMode.TlsDirect, "12a", true, 60), secretText);
            Assert.DoesNotContain(DeviceSecret, signIn.Device.ToString());
        }

        [Fact]
        public void TheCheckItselfFindsASecretInAMessage()
        {
            // The negative control: the search must catch each form it claims to catch.
            Assert.NotNull(Leaks(new ProtocolFormatException("key " + Hex.Encode(Key16)), Key16));
            Assert.NotNull(Leaks(new ProtocolFormatException("key " + Hex.Encode(Key16).ToUpperInvariant()), Key16));
            Assert.NotNull(Leaks(new ProtocolFormatException("key " + BitConverter.ToString(Key16)), Key16));
            Assert.NotNull(Leaks(new ProtocolFormatException("key " + Convert.ToBase64String(Key16)), Key16));
            Assert.NotNull(Leaks(new ProtocolFormatException("part " + Hex.Encode(Key16, 5, 6)), Key16));
            Assert.NotNull(Leaks(new InvalidOperationException("outer", new ProtocolFormatException(Hex.Encode(Key16))), Key16));
            Assert.NotNull(Leaks(new ProtocolFormatException("text " + DeviceSecret), Encoding.ASCII.GetBytes(DeviceSecret)));
            Assert.Null(Leaks(new ProtocolFormatException("CCM MIC length must be an even number of octets from 4 to 16"), Key16));
        }

        private static void AssertSecretFree(Action action, params byte[][] secrets)
        {
            Exception thrown = Record.Exception(action);
            Assert.True(thrown != null, "expected an exception from malformed input");
            Assert.False(thrown is IndexOutOfRangeException || thrown is NullReferenceException, "untyped error: " + thrown);
            foreach (byte[] secret in secrets)
            {
                string leak = Leaks(thrown, secret);
                Assert.True(leak == null, ((object)thrown).GetType().Name + " shows the secret (" + leak + "): " + thrown.Message);
            }
        }

        private static void AssertSecretFree(Func<object> function, params byte[][] secrets)
        {
            AssertSecretFree(() => { function(); }, secrets);
        }

        /// <summary>The form of <paramref name="secret"/> found in the exception's text, or null.</summary>
        private static string Leaks(Exception e, byte[] secret)
        {
            string text = e.ToString();
            List<string> forms = new List<string>
            {
                Hex.Encode(secret),
                Convert.ToBase64String(secret),
                BitConverter.ToString(secret),
                Encoding.ASCII.GetString(secret),
            };
            for (int i = 0; i + 6 <= secret.Length; i++)
            {
                forms.Add(Hex.Encode(secret, i, 6));
            }

            foreach (string form in forms)
            {
                if (form.Length >= 6 && text.Contains(form, StringComparison.OrdinalIgnoreCase))
                {
                    return form;
                }
            }

            return null;
        }

        /// <summary>NetKey = <see cref="Key16"/> ‖ Key Index ‖ Flags 00 ‖ IV Index 01020304 ‖ Unicast Address.</summary>
        private static byte[] ProvisioningDataWithKey(int keyIndex, int address)
        {
            byte[] data = new byte[26];
            Array.Copy(Key16, data, 16);
            data[16] = (byte)(keyIndex >> 8);
            data[17] = (byte)keyIndex;
            data[19] = 1;
            data[20] = 2;
            data[21] = 3;
            data[22] = 4;
            data[23] = (byte)(address >> 8);
            data[24] = (byte)address;
            return data;
        }

        private static string JsonFieldsString(Hashtable fields)
        {
            return JsonFields.GetString(fields, "deviceSecret");
        }
    }
}
