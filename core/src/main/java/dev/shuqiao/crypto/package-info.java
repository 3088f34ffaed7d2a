/** Crypto envelopes between departments: identities and trust, the GM (SM2/SM3/SM4) and INTL suites, sealing, streaming, replay protection and keyed pseudonyms. */
package dev.shuqiao.crypto;
