/*
 * LD_PRELOAD library that lets Debian 12's bluetooth-meshd (BlueZ 5.66, ell 0.56) run as a real
 * mesh node on a build machine without Bluetooth hardware and without the kernel's AF_ALG crypto
 * sockets. Written for the Gateway project's interoperability tests; the facts it rests on are in
 * ../shared/reference/bluez-peer.md ("Obstacles and what removes each").
 *
 * 1. Crypto. ell does AES-ECB, AES-CCM and AES-CMAC through AF_ALG, which these kernels lack, so
 *    meshd reports "Mesh Crypto functions unavailable" and idles. We interpose the 11 ell entry
 *    points meshd imports (nm -D bluetooth-meshd) and implement them with OpenSSL's AES block
 *    cipher and CCM mode; CMAC is RFC 4493 over the block cipher. Objects we create carry a magic
 *    value; anything else is handed to ell's own implementation (dlsym RTLD_NEXT), so ell's internal
 *    users of these functions keep working.
 * 2. Socket. In --io unit:<path> mode meshd binds <path> and then calls send() on that never
 *    connected datagram socket (ENOTCONN/EDESTADDRREQ). When GW_MESHD_PEER names a socket path, a
 *    failed send() on a Unix datagram socket is retried as sendto() to that path.
 * 3. Receive length. mesh-io-unit.c's incoming() hands up `size` octets starting after the marker
 *    octet (one too many) and ignores datagrams of 9 octets or fewer (PB-ADV Transaction ACK, Link
 *    Close). recv() on a Unix datagram socket therefore returns n-1, with the advertising data zero
 *    padded to at least 10 octets (PB-ADV ignores trailing octets; Network PDUs are never that short).
 *
 * Build: gcc -shared -fPIC -O2 -o meshd-preload.so meshd-preload.c -lcrypto -ldl
 * Self-test: meshd-preload-selftest.c (FIPS-197, RFC 4493, RFC 3610, MshPRT s1("test")).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>
#include <openssl/evp.h>

#define GW_MAGIC_CIPHER 0x47574331u /* "GWC1" */
#define GW_MAGIC_AEAD 0x47574131u   /* "GWA1" */
#define GW_MAGIC_CMAC 0x47574d31u   /* "GWM1" */

/* ell's enum values (ell/cipher.h 0.56): L_CIPHER_AES = 0, L_AEAD_CIPHER_AES_CCM = 0. */
#define ELL_CIPHER_AES 0
#define ELL_AEAD_CIPHER_AES_CCM 0

struct gw_cipher {
	uint32_t magic;
	uint8_t key[16];
};

struct gw_aead {
	uint32_t magic;
	uint8_t key[16];
	size_t tag_length;
};

struct gw_cmac {
	uint32_t magic;
	uint8_t key[16];
	uint8_t *data;
	size_t length;
	size_t capacity;
};

static void *next_symbol(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

/* ---- AES-128 block (FIPS-197) ---- */

static bool aes_ecb(const uint8_t key[16], const uint8_t *in, uint8_t *out, size_t length)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n = 0, m = 0;
	bool ok;

	if (!ctx || length % 16)
		goto fail;
	ok = EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL) == 1 &&
		EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 &&
		EVP_EncryptUpdate(ctx, out, &n, in, (int)length) == 1 &&
		EVP_EncryptFinal_ex(ctx, out + n, &m) == 1 && (size_t)(n + m) == length;
	EVP_CIPHER_CTX_free(ctx);
	return ok;
fail:
	EVP_CIPHER_CTX_free(ctx);
	return false;
}

/* ---- AES-CMAC (RFC 4493) ---- */

static void cmac_subkey(uint8_t k[16])
{
	uint8_t carry = k[0] & 0x80;

	for (int i = 0; i < 15; i++)
		k[i] = (uint8_t)((k[i] << 1) | (k[i + 1] >> 7));
	k[15] = (uint8_t)(k[15] << 1);
	if (carry)
		k[15] ^= 0x87;
}

static bool aes_cmac(const uint8_t key[16], const uint8_t *msg, size_t length, uint8_t mac[16])
{
	uint8_t l[16] = { 0 }, k1[16], k2[16], x[16] = { 0 }, last[16];
	size_t blocks = length == 0 ? 1 : (length + 15) / 16;
	bool complete = length != 0 && length % 16 == 0;

	if (!aes_ecb(key, l, l, 16))
		return false;
	memcpy(k1, l, 16);
	cmac_subkey(k1);
	memcpy(k2, k1, 16);
	cmac_subkey(k2);

	for (size_t b = 0; b + 1 < blocks; b++) {
		for (int i = 0; i < 16; i++)
			x[i] ^= msg[b * 16 + i];
		if (!aes_ecb(key, x, x, 16))
			return false;
	}

	size_t rest = length - (blocks - 1) * 16;
	memset(last, 0, 16);
	memcpy(last, msg + (blocks - 1) * 16, rest);
	if (complete) {
		for (int i = 0; i < 16; i++)
			last[i] ^= k1[i];
	} else {
		last[rest] = 0x80;
		for (int i = 0; i < 16; i++)
			last[i] ^= k2[i];
	}

	for (int i = 0; i < 16; i++)
		x[i] ^= last[i];
	return aes_ecb(key, x, mac, 16);
}

/* ---- AES-CCM (RFC 3610 / NIST SP 800-38C) ---- */

static bool aes_ccm(bool encrypt, const uint8_t key[16], size_t tag_length,
			const uint8_t *nonce, size_t nonce_length,
			const uint8_t *ad, size_t ad_length,
			const uint8_t *in, size_t in_length, uint8_t *out)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	size_t text = encrypt ? in_length : in_length - tag_length;
	int n = 0;
	bool ok = false;
	uint8_t dummy[1];

	if (!ctx)
		return false;
	if (!encrypt && in_length < tag_length)
		goto done;

	if ((encrypt ? EVP_EncryptInit_ex(ctx, EVP_aes_128_ccm(), NULL, NULL, NULL)
		     : EVP_DecryptInit_ex(ctx, EVP_aes_128_ccm(), NULL, NULL, NULL)) != 1)
		goto done;
	if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, (int)nonce_length, NULL) != 1)
		goto done;
	if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int)tag_length,
				encrypt ? NULL : (void *)(in + text)) != 1)
		goto done;
	if ((encrypt ? EVP_EncryptInit_ex(ctx, NULL, NULL, key, nonce)
		     : EVP_DecryptInit_ex(ctx, NULL, NULL, key, nonce)) != 1)
		goto done;

	/* CCM needs the total text length before the associated data. */
	if ((encrypt ? EVP_EncryptUpdate(ctx, NULL, &n, NULL, (int)text)
		     : EVP_DecryptUpdate(ctx, NULL, &n, NULL, (int)text)) != 1)
		goto done;
	if (ad_length && (encrypt ? EVP_EncryptUpdate(ctx, NULL, &n, ad, (int)ad_length)
				  : EVP_DecryptUpdate(ctx, NULL, &n, ad, (int)ad_length)) != 1)
		goto done;

	if (encrypt) {
		if (EVP_EncryptUpdate(ctx, text ? out : dummy, &n, text ? in : dummy, (int)text) != 1)
			goto done;
		if (EVP_EncryptFinal_ex(ctx, dummy, &n) != 1)
			goto done;
		ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, (int)tag_length, out + text) == 1;
	} else {
		/* The tag is checked by this call: 1 only when it matches. */
		ok = EVP_DecryptUpdate(ctx, text ? out : dummy, &n, text ? in : dummy, (int)text) == 1;
		if (!ok && text)
			memset(out, 0, text);
	}

done:
	EVP_CIPHER_CTX_free(ctx);
	return ok;
}

/* ---- ell: l_cipher (AES-ECB) ---- */

void *l_cipher_new(int type, const void *key, size_t key_length)
{
	if (type == ELL_CIPHER_AES && key && key_length == 16) {
		struct gw_cipher *c = calloc(1, sizeof(*c));

		if (!c)
			return NULL;
		c->magic = GW_MAGIC_CIPHER;
		memcpy(c->key, key, 16);
		return c;
	}

	void *(*real)(int, const void *, size_t) = next_symbol("l_cipher_new");
	return real ? real(type, key, key_length) : NULL;
}

bool l_cipher_encrypt(void *cipher, const void *in, void *out, size_t length)
{
	struct gw_cipher *c = cipher;

	if (c && c->magic == GW_MAGIC_CIPHER)
		return in && out && aes_ecb(c->key, in, out, length);

	bool (*real)(void *, const void *, void *, size_t) = next_symbol("l_cipher_encrypt");
	return real ? real(cipher, in, out, length) : false;
}

void l_cipher_free(void *cipher)
{
	struct gw_cipher *c = cipher;

	if (!c)
		return;
	if (c->magic == GW_MAGIC_CIPHER) {
		memset(c, 0, sizeof(*c));
		free(c);
		return;
	}

	void (*real)(void *) = next_symbol("l_cipher_free");
	if (real)
		real(cipher);
}

/* ---- ell: l_aead_cipher (AES-CCM) ---- */

void *l_aead_cipher_new(int type, const void *key, size_t key_length, size_t tag_length)
{
	if (type == ELL_AEAD_CIPHER_AES_CCM && key && key_length == 16 &&
			tag_length >= 4 && tag_length <= 16 && tag_length % 2 == 0) {
		struct gw_aead *a = calloc(1, sizeof(*a));

		if (!a)
			return NULL;
		a->magic = GW_MAGIC_AEAD;
		memcpy(a->key, key, 16);
		a->tag_length = tag_length;
		return a;
	}

	void *(*real)(int, const void *, size_t, size_t) = next_symbol("l_aead_cipher_new");
	return real ? real(type, key, key_length, tag_length) : NULL;
}

bool l_aead_cipher_encrypt(void *cipher, const void *in, size_t in_length,
				const void *ad, size_t ad_length,
				const void *nonce, size_t nonce_length,
				void *out, size_t out_length)
{
	struct gw_aead *a = cipher;

	if (a && a->magic == GW_MAGIC_AEAD) {
		if (!out || !nonce || out_length != in_length + a->tag_length ||
				nonce_length < 7 || nonce_length > 13)
			return false;
		return aes_ccm(true, a->key, a->tag_length, nonce, nonce_length,
				ad, ad_length, in, in_length, out);
	}

	bool (*real)(void *, const void *, size_t, const void *, size_t, const void *, size_t, void *, size_t) =
		next_symbol("l_aead_cipher_encrypt");
	return real ? real(cipher, in, in_length, ad, ad_length, nonce, nonce_length, out, out_length) : false;
}

bool l_aead_cipher_decrypt(void *cipher, const void *in, size_t in_length,
				const void *ad, size_t ad_length,
				const void *nonce, size_t nonce_length,
				void *out, size_t out_length)
{
	struct gw_aead *a = cipher;

	if (a && a->magic == GW_MAGIC_AEAD) {
		if (!in || !nonce || in_length < a->tag_length ||
				out_length != in_length - a->tag_length ||
				nonce_length < 7 || nonce_length > 13)
			return false;
		return aes_ccm(false, a->key, a->tag_length, nonce, nonce_length,
				ad, ad_length, in, in_length, out);
	}

	bool (*real)(void *, const void *, size_t, const void *, size_t, const void *, size_t, void *, size_t) =
		next_symbol("l_aead_cipher_decrypt");
	return real ? real(cipher, in, in_length, ad, ad_length, nonce, nonce_length, out, out_length) : false;
}

void l_aead_cipher_free(void *cipher)
{
	struct gw_aead *a = cipher;

	if (!a)
		return;
	if (a->magic == GW_MAGIC_AEAD) {
		memset(a, 0, sizeof(*a));
		free(a);
		return;
	}

	void (*real)(void *) = next_symbol("l_aead_cipher_free");
	if (real)
		real(cipher);
}

/* ---- ell: l_checksum (CMAC-AES only; AF_ALG semantics: get_digest ends the message) ---- */

void *l_checksum_new_cmac_aes(const void *key, size_t key_length)
{
	struct gw_cmac *m;

	if (!key || key_length != 16)
		return NULL;
	m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->magic = GW_MAGIC_CMAC;
	memcpy(m->key, key, 16);
	return m;
}

bool l_checksum_update(void *checksum, const void *data, size_t length)
{
	struct gw_cmac *m = checksum;

	if (m && m->magic == GW_MAGIC_CMAC) {
		if (!length)
			return true;
		if (!data)
			return false;
		if (m->length + length > m->capacity) {
			size_t capacity = (m->length + length) * 2;
			uint8_t *grown = realloc(m->data, capacity);

			if (!grown)
				return false;
			m->data = grown;
			m->capacity = capacity;
		}
		memcpy(m->data + m->length, data, length);
		m->length += length;
		return true;
	}

	bool (*real)(void *, const void *, size_t) = next_symbol("l_checksum_update");
	return real ? real(checksum, data, length) : false;
}

ssize_t l_checksum_get_digest(void *checksum, void *digest, size_t length)
{
	struct gw_cmac *m = checksum;

	if (m && m->magic == GW_MAGIC_CMAC) {
		uint8_t mac[16];
		size_t n = length < 16 ? length : 16;

		if (!digest)
			return -EINVAL;
		if (!aes_cmac(m->key, m->data ? m->data : mac, m->length, mac))
			return -EIO;
		memcpy(digest, mac, n);
		m->length = 0; /* the next update starts a new message, as with AF_ALG */
		return (ssize_t)n;
	}

	ssize_t (*real)(void *, void *, size_t) = next_symbol("l_checksum_get_digest");
	return real ? real(checksum, digest, length) : -ENOSYS;
}

void l_checksum_free(void *checksum)
{
	struct gw_cmac *m = checksum;

	if (!m)
		return;
	if (m->magic == GW_MAGIC_CMAC) {
		if (m->data) {
			memset(m->data, 0, m->capacity);
			free(m->data);
		}
		memset(m, 0, sizeof(*m));
		free(m);
		return;
	}

	void (*real)(void *) = next_symbol("l_checksum_free");
	if (real)
		real(checksum);
}

/* ---- socket shims for mesh-io-unit.c ---- */

static bool is_unix_datagram(int fd)
{
	int type = 0;
	socklen_t type_length = sizeof(type);
	struct sockaddr_un local;
	socklen_t local_length = sizeof(local);

	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &type_length) < 0 || type != SOCK_DGRAM)
		return false;
	if (getsockname(fd, (struct sockaddr *)&local, &local_length) < 0)
		return false;
	return local.sun_family == AF_UNIX;
}

ssize_t send(int fd, const void *buffer, size_t length, int flags)
{
	static ssize_t (*real_send)(int, const void *, size_t, int);
	const char *peer;

	if (!real_send)
		real_send = next_symbol("send");

	ssize_t n = real_send(fd, buffer, length, flags);
	if (n >= 0 || (errno != ENOTCONN && errno != EDESTADDRREQ && errno != ECONNREFUSED))
		return n;

	peer = getenv("GW_MESHD_PEER");
	if (!peer || !*peer || strlen(peer) >= sizeof(((struct sockaddr_un *)0)->sun_path) ||
			!is_unix_datagram(fd))
		return n;

	struct sockaddr_un to = { .sun_family = AF_UNIX };
	strcpy(to.sun_path, peer);
	return sendto(fd, buffer, length, flags, (struct sockaddr *)&to, sizeof(to));
}

ssize_t recv(int fd, void *buffer, size_t length, int flags)
{
	static ssize_t (*real_recv)(int, void *, size_t, int);

	if (!real_recv)
		real_recv = next_symbol("recv");

	ssize_t n = real_recv(fd, buffer, length, flags);
	if (n < 2 || !is_unix_datagram(fd) || ((uint8_t *)buffer)[0] == 0)
		return n; /* errors, the D-Bus name query (00) and anything not an advertisement */

	/* n-1 octets of advertising data follow the marker; pad them to 10 (see the header). */
	size_t data = (size_t)n - 1;
	if (data < 10 && length >= 11) {
		memset((uint8_t *)buffer + n, 0, 11 - (size_t)n);
		data = 10;
	}
	return (ssize_t)data;
}
