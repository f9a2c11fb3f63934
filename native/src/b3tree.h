// Subtree steps of BLAKE3 (see b3tree.c). C linkage; the hasher struct is blake3.h's.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "blake3.h"

#ifdef __cplusplus
extern "C" {
#endif

// Bytes absorbed so far (whole chunks + the pending chunk).
uint64_t eb_b3_position(const blake3_hasher *self);
// 1 if [position, position+len) can be hashed as one subtree: len = 2^k chunks, k >= 1, and
// position a multiple of len.
int eb_b3_subtree_ok(uint64_t position, size_t len);
// The two top chaining values of that subtree (default hash mode). Pure; thread-safe. 0 if not ok.
int eb_b3_subtree_cvs(const uint8_t *input, size_t len, uint64_t position, uint8_t out[64]);
// Absorbs a subtree from its CVs exactly as blake3_hasher_update(self, input, len) would. Must be
// called in stream order. 0 (hasher unchanged) if position is not where the hasher stands.
int eb_b3_push_subtree(blake3_hasher *self, const uint8_t cvs[64], uint64_t position, size_t len);

#ifdef __cplusplus
}
#endif
