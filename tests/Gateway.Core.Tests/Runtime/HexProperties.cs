using System;
using System.Text;
using FsCheck.Xunit;
using Gateway.Core.Runtime;
using Xunit;

namespace Gateway.Core.Tests.Runtime
{
    /// <summary>
    /// Hex is how keys and identifiers enter from JSON and the CLI: any string either decodes or
    /// raises ProtocolFormatException, and what decodes agrees with .NET's Convert.FromHexString.
    /// </summary>
    public class HexProperties
    {
        private const string Alphabet = "0123456789abcdefABCDEF0123456789xg -\u00e9\u0660\uff11";

        [Property(MaxTest = 1000)]
        public void DecodeOfAnyStringThrowsOnlyProtocolFormatException(string text)
        {
            CheckDecode(text);
        }

        // Random strings are almost never hex; these are drawn mostly from hex digits (both cases)
        // with a few look-alikes (Arabic-Indic and full-width digits) so both paths are exercised.
        [Property(MaxTest = 1000)]
        public void DecodeOfMostlyHexStringsAgreesWithConvertFromHexString(byte[] picks)
        {
            picks ??= Array.Empty<byte>();
            var text = new StringBuilder();
            foreach (byte p in picks)
            {
                text.Append(p < 240 ? Alphabet[p % 22] : Alphabet[22 + (p % (Alphabet.Length - 22))]);
            }

            CheckDecode(text.ToString());
        }

        [Property(MaxTest = 500)]
        public void EncodeIsLowerCaseHexAndDecodesBack(byte[] data)
        {
            data ??= Array.Empty<byte>();
            string hex = Hex.Encode(data);
            Assert.Equal(Convert.ToHexString(data).ToLowerInvariant(), hex);
            Assert.Equal(data, Hex.Decode(hex));
            Assert.Equal(data, Hex.Decode(hex.ToUpperInvariant()));
        }

        [Fact]
        public void NullIsAFormatErrorNotANullReference()
        {
            Assert.Throws<ProtocolFormatException>(() => Hex.Decode(null));
            Assert.False(Hex.TryDecode(null, out _));
        }

        private static void CheckDecode(string text)
        {
            byte[] expected = null;
            if (text != null)
            {
                try
                {
                    expected = Convert.FromHexString(text);
                }
                catch (FormatException)
                {
                }
            }

            bool ok = Hex.TryDecode(text, out byte[] tried);
            try
            {
                byte[] decoded = Hex.Decode(text);
                Assert.NotNull(expected);
                Assert.Equal(expected, decoded);
                Assert.True(ok);
                Assert.Equal(decoded, tried);
                Assert.Equal(text.ToLowerInvariant(), Hex.Encode(decoded));
            }
            catch (ProtocolFormatException e)
            {
                Assert.Null(expected);
                Assert.False(ok);
                Assert.Null(tried);

                // The message names a position, never the text (it may be a key).
                if (text != null && text.Length >= 8)
                {
                    Assert.DoesNotContain(text, e.Message);
                }
            }
        }
    }
}
