using Gateway.Core.Crypto;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Crypto
{
    /// <summary>
    /// NIST CAVS ECC CDH primitive test vectors for P-256 (SP 800-56A §5.7.1.2, "KAS ECC CDH
    /// primitive", file ecccdhtestvectors.zip), first vector: the IUT's key pair from dIUT and the
    /// shared Z from the CAVS public key, on both backends.
    /// </summary>
    public class KeyAgreementCavsTests
    {
        private const string CavsPublicKey =
            "700c48f77f56584c5cc632ca65640db91b6bacce3a4df6b42ce7cc838833d287" +
            "db71e509e3fd9b060ddb20ba5c51dcc5948d46fbf640dfe0441782cab85fa4ac";
        private const string IutPrivateKey = "7d7dc5f71eb29ddaf80d6214632eeae03d9058af1fb6d22ed80badb62bc1a534";
        private const string IutPublicKey =
            "ead218590119e8876b29146ff89ca61770c4edbbf97d38ce385ed281d8a6b230" +
            "28af61281fd35e2fa7002523acc85a429cb06ee6648325389f59edfce1405141";
        private const string SharedZ = "46fc62106420ff012e54a434fbdd2d25ccc5852060561e68040dd7778997bd7b";

        [Theory]
        [InlineData(P256Reference.Managed)]
        [InlineData(P256Reference.Host)]
        public void CdhP256Count0(string implementation)
        {
            IKeyAgreement ka = P256Reference.Create(implementation);
            P256KeyPair iut = ka.CreateKeyPair(Hex.Decode(IutPrivateKey));
            Assert.Equal(IutPublicKey, Hex.Encode(iut.PublicKey));
            Assert.True(ka.IsValidPublicKey(Hex.Decode(CavsPublicKey), 0));
            byte[] z = new byte[32];
            Assert.True(ka.TryComputeSharedSecret(iut, Hex.Decode(CavsPublicKey), 0, z, 0));
            Assert.Equal(SharedZ, Hex.Encode(z));
        }
    }
}
