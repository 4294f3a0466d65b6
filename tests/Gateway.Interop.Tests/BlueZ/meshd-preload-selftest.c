/*
 * Checks meshd-preload.so's crypto against published vectors before any meshd is started:
 * FIPS-197 Appendix C.1 (AES-128), RFC 4493 §4 (AES-CMAC, four lengths), RFC 3610 §8 packet
 * vector #1 (AES-CCM, 8-octet tag) including a rejected forgery, and MshPRT v1.1 §8.1.1 s1("test").
 * Build: gcc -o meshd-preload-selftest meshd-preload-selftest.c ./meshd-preload.so
 * Prints one line per check; exit code 0 only when all pass.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

void *l_cipher_new(int type, const void *key, size_t key_length);
bool l_cipher_encrypt(void *cipher, const void *in, void *out, size_t length);
void l_cipher_free(void *cipher);
void *l_aead_cipher_new(int type, const void *key, size_t key_length, size_t tag_length);
bool l_aead_cipher_encrypt(void *cipher, const void *in, size_t in_length, const void *ad, size_t ad_length,
			const void *nonce, size_t nonce_length, void *out, size_t out_length);
bool l_aead_cipher_decrypt(void *cipher, const void *in, size_t in_length, const void *ad, size_t ad_length,
			const void *nonce, size_t nonce_length, void *out, size_t out_length);
void l_aead_cipher_free(void *cipher);
void *l_checksum_new_cmac_aes(const void *key, size_t key_length);
bool l_checksum_update(void *checksum, const void *data, size_t length);
ssize_t l_checksum_get_digest(void *checksum, void *digest, size_t length);
void l_checksum_free(void *checksum);

static int failures;

static size_t hex(const char *text, uint8_t *out)
{
	size_t n = 0;
	unsigned int v;

	while (text[0] && text[1] && sscanf(text, "%2x", &v) == 1) {
		out[n++] = (uint8_t)v;
		text += 2;
	}
	return n;
}

static void check(const char *name, bool ok)
{
	printf("%s %s\n", ok ? "ok  " : "FAIL", name);
	if (!ok)
		failures++;
}

static bool cmac_equals(const char *key_hex, const char *msg_hex, const char *mac_hex)
{
	uint8_t key[16], msg[64], want[16], got[16];
	size_t length = hex(msg_hex, msg);
	void *m;
	bool ok;

	hex(key_hex, key);
	hex(mac_hex, want);
	m = l_checksum_new_cmac_aes(key, 16);
	/* Two updates, then a digest, then the same again: the digest must end the message. */
	ok = m && l_checksum_update(m, msg, length / 2) && l_checksum_update(m, msg + length / 2, length - length / 2) &&
		l_checksum_get_digest(m, got, 16) == 16 && !memcmp(got, want, 16) &&
		l_checksum_update(m, msg, length) && l_checksum_get_digest(m, got, 16) == 16 && !memcmp(got, want, 16);
	l_checksum_free(m);
	return ok;
}

int main(void)
{
	uint8_t key[16], pt[32], want[48], got[48];
	const char *rfc4493_key = "2b7e151628aed2a6abf7158809cf4f3c";
	const char *rfc4493_msg = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
				  "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
	char prefix[129];

	/* FIPS-197 Appendix C.1 */
	hex("000102030405060708090a0b0c0d0e0f", key);
	hex("00112233445566778899aabbccddeeff", pt);
	hex("69c4e0d86a7b0430d8cdb78070b4c55a", want);
	void *c = l_cipher_new(0, key, 16);
	check("FIPS-197 C.1 AES-128", c && l_cipher_encrypt(c, pt, got, 16) && !memcmp(got, want, 16));
	l_cipher_free(c);

	/* RFC 4493 §4 examples 1-4 (0, 16, 40, 64 octets) */
	check("RFC 4493 example 1 (empty)", cmac_equals(rfc4493_key, "", "bb1d6929e95937287fa37d129b756746"));
	snprintf(prefix, sizeof(prefix), "%.32s", rfc4493_msg);
	check("RFC 4493 example 2 (16 octets)", cmac_equals(rfc4493_key, prefix, "070a16b46b4d4144f79bdd9dd04a287c"));
	snprintf(prefix, sizeof(prefix), "%.80s", rfc4493_msg);
	check("RFC 4493 example 3 (40 octets)", cmac_equals(rfc4493_key, prefix, "dfa66747de9ae63030ca32611497c827"));
	check("RFC 4493 example 4 (64 octets)", cmac_equals(rfc4493_key, rfc4493_msg, "51f0bebf7e3b9d92fc49741779363cfe"));

	/* MshPRT v1.1 §8.1.1: s1("test") = AES-CMAC(ZERO, "test") */
	{
		uint8_t zero[16] = { 0 }, mac[16];
		void *m = l_checksum_new_cmac_aes(zero, 16);
		hex("b73cefbd641ef2ea598c2b6efb62f79c", want);
		check("MshPRT 8.1.1 s1(\"test\")", m && l_checksum_update(m, "test", 4) && l_checksum_get_digest(m, mac, 16) == 16 && !memcmp(mac, want, 16));
		l_checksum_free(m);
	}

	/* RFC 3610 §8 packet vector #1: 13-octet nonce, 8 octets AAD, 23 octets text, M = 8 */
	{
		uint8_t nonce[13], aad[8], out[31], back[23];
		hex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf", key);
		hex("00000003020100a0a1a2a3a4a5", nonce);
		hex("0001020304050607", aad);
		hex("08090a0b0c0d0e0f101112131415161718191a1b1c1d1e", pt);
		hex("588c979a61c663d2f066d0c2c0f989806d5f6b61dac38417e8d12cfdf926e0", want);
		void *a = l_aead_cipher_new(0, key, 16, 8);
		check("RFC 3610 packet vector #1 encrypt", a && l_aead_cipher_encrypt(a, pt, 23, aad, 8, nonce, 13, out, 31) && !memcmp(out, want, 31));
		check("RFC 3610 packet vector #1 decrypt", a && l_aead_cipher_decrypt(a, want, 31, aad, 8, nonce, 13, back, 23) && !memcmp(back, pt, 23));
		want[30] ^= 0x01;
		check("RFC 3610 packet vector #1 forged tag rejected", a && !l_aead_cipher_decrypt(a, want, 31, aad, 8, nonce, 13, back, 23));
		l_aead_cipher_free(a);
	}

	printf("%d failed\n", failures);
	return failures ? 1 : 0;
}
