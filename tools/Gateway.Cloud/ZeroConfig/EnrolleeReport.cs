using System;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Cloud.ZeroConfig
{
    /// <summary>
    /// One enrollee record of <c>thing.awss.enrollee.found</c> params.payload (reference/
    /// alibaba-provisioning.md §1.2 row 1): uppercase hex of dn_len‖DN‖pk_len‖PK‖rand_len‖random‖
    /// security‖sign_method‖sign_len‖sign, the probe-request IE body without header, version and
    /// frame_type. The registrar's parser limits (§1.1) apply: dn ≤ 64, pk ≤ 20, random 16,
    /// security 3..5, sign_method ≤ 1, sign 20 octets.
    /// </summary>
    public sealed class EnrolleeReport
    {
        public const int RandomLength = 16;
        public const int SignLength = 20;

        public string DeviceName { get; private init; }

        public string ProductKey { get; private init; }

        public byte[] Random { get; private init; }

        public byte Security { get; private init; }

        public byte SignMethod { get; private init; }

        public byte[] Sign { get; private init; }

        public static bool TryParse(byte[] record, out EnrolleeReport report, out string reason)
        {
            report = null;
            int pos = 0;
            if (!TryReadField(record, ref pos, 64, out byte[] dn) || dn.Length == 0)
            {
                reason = "device name field";
                return false;
            }

            if (!TryReadField(record, ref pos, 20, out byte[] pk) || pk.Length == 0)
            {
                reason = "product key field";
                return false;
            }

            if (!TryReadField(record, ref pos, RandomLength, out byte[] random) || random.Length != RandomLength)
            {
                reason = "random field";
                return false;
            }

            if (pos + 3 > record.Length)
            {
                reason = "truncated after random";
                return false;
            }

            byte security = record[pos++];
            byte signMethod = record[pos++];
            if (security < 3 || security > 5 || signMethod > 1)
            {
                reason = "security or sign method out of range";
                return false;
            }

            if (!TryReadField(record, ref pos, SignLength, out byte[] sign) || sign.Length != SignLength || pos != record.Length)
            {
                reason = "signature field";
                return false;
            }

            report = new EnrolleeReport
            {
                DeviceName = Encoding.ASCII.GetString(dn),
                ProductKey = Encoding.ASCII.GetString(pk),
                Random = random,
                Security = security,
                SignMethod = signMethod,
                Sign = sign,
            };
            reason = null;
            return true;
        }

        /// <summary>Builds a record as an enrollee and registrar would (for tests and simulated enrollees).</summary>
        public static byte[] Build(string productKey, string deviceName, byte[] random, string signingSecret, byte security = 3)
        {
            byte[] dn = Encoding.ASCII.GetBytes(deviceName);
            byte[] pk = Encoding.ASCII.GetBytes(productKey);
            byte[] sign = ComputeSign(signingSecret, random, deviceName, productKey);
            var bytes = new byte[1 + dn.Length + 1 + pk.Length + 1 + random.Length + 3 + sign.Length];
            int pos = 0;
            bytes[pos++] = (byte)dn.Length;
            dn.CopyTo(bytes, pos);
            pos += dn.Length;
            bytes[pos++] = (byte)pk.Length;
            pk.CopyTo(bytes, pos);
            pos += pk.Length;
            bytes[pos++] = (byte)random.Length;
            random.CopyTo(bytes, pos);
            pos += random.Length;
            bytes[pos++] = security;
            bytes[pos++] = 0; // HMAC-SHA1
            bytes[pos++] = (byte)sign.Length;
            sign.CopyTo(bytes, pos);
            return bytes;
        }

        /// <summary>HMAC-SHA1(secret, random ‖ DN ‖ PK), raw 20 octets (§0 "Signature").</summary>
        public static byte[] ComputeSign(string secret, byte[] random, string deviceName, string productKey)
        {
            byte[] dn = Encoding.ASCII.GetBytes(deviceName);
            byte[] pk = Encoding.ASCII.GetBytes(productKey);
            var message = new byte[random.Length + dn.Length + pk.Length];
            random.CopyTo(message, 0);
            dn.CopyTo(message, random.Length);
            pk.CopyTo(message, random.Length + dn.Length);
            return HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), message);
        }

        /// <summary>The AWSS key: SHA-256(secret ‖ "," ‖ random16)[0:16] (§0 "AES key derivation", awss_crypt.c cal_passwd).</summary>
        public static byte[] DeriveCipherKey(string secret, byte[] random)
        {
            byte[] s = Encoding.UTF8.GetBytes(secret);
            var source = new byte[s.Length + 1 + random.Length];
            s.CopyTo(source, 0);
            source[s.Length] = (byte)',';
            random.CopyTo(source, s.Length + 1);
            byte[] digest = SHA256.HashData(source);
            return digest.AsSpan(0, 16).ToArray();
        }

        private static bool TryReadField(byte[] record, ref int pos, int maxLength, out byte[] value)
        {
            value = null;
            if (pos >= record.Length)
            {
                return false;
            }

            int length = record[pos];
            if (length > maxLength || pos + 1 + length > record.Length)
            {
                return false;
            }

            value = record.AsSpan(pos + 1, length).ToArray();
            pos += 1 + length;
            return true;
        }
    }
}
