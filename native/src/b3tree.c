// BLAKE3 subtree hashing for a digest computed on several threads. This translation unit includes
// the C reference (node_modules/@c4312/blake3-native/c/blake3.c, 1.3.1; binding.gyp compiles it
// only through here) to reach its static helpers, and exposes the few steps that
// blake3_hasher_update performs for a whole, aligned subtree:
//   compress_subtree_to_parent_node(...) -> cv pair   (pure: any thread, any order)
//   hasher_push_cv(left), hasher_push_cv(right)       (cheap: in stream order)
// So the digest is byte-identical to the serial hasher (and to b3sum) on the same bytes.
#include "blake3.c"

#include "b3tree.h"

uint64_t eb_b3_position(const blake3_hasher *self) {
  return self->chunk.chunk_counter * BLAKE3_CHUNK_LEN + chunk_state_len(&self->chunk);
}

int eb_b3_subtree_ok(uint64_t position, size_t len) {
  // 2^k chunks (k >= 1), starting where the stream so far is a multiple of the subtree.
  return len >= 2 * BLAKE3_CHUNK_LEN && (len & (len - 1)) == 0 && position % len == 0;
}

int eb_b3_subtree_cvs(const uint8_t *input, size_t len, uint64_t position, uint8_t out[64]) {
  if (!eb_b3_subtree_ok(position, len)) return 0;
  // Default (unkeyed) hash: key = IV, flags = 0, as blake3_hasher_init sets them.
  compress_subtree_to_parent_node(input, len, IV, position / BLAKE3_CHUNK_LEN, 0, out);
  return 1;
}

int eb_b3_push_subtree(blake3_hasher *self, const uint8_t cvs[64], uint64_t position, size_t len) {
  if (!eb_b3_subtree_ok(position, len) || eb_b3_position(self) != position) return 0;
  if (memcmp(self->key, IV, sizeof(IV)) != 0 || self->chunk.flags != 0) return 0;  // only the default hash mode
  size_t pending = chunk_state_len(&self->chunk);
  if (pending != 0 && pending != BLAKE3_CHUNK_LEN) return 0;  // cannot happen when position is aligned
  if (pending == BLAKE3_CHUNK_LEN) {
    // What blake3_hasher_update does first when more input follows a full chunk: it is not the
    // root, so finish it and push its CV.
    output_t output = chunk_state_output(&self->chunk);
    uint8_t chunk_cv[32];
    output_chaining_value(&output, chunk_cv);
    hasher_push_cv(self, chunk_cv, self->chunk.chunk_counter);
    chunk_state_reset(&self->chunk, self->key, self->chunk.chunk_counter + 1);
  }
  uint64_t chunks = len / BLAKE3_CHUNK_LEN;
  uint8_t left[32], right[32];
  memcpy(left, cvs, 32);
  memcpy(right, cvs + 32, 32);
  hasher_push_cv(self, left, self->chunk.chunk_counter);
  hasher_push_cv(self, right, self->chunk.chunk_counter + chunks / 2);
  self->chunk.chunk_counter += chunks;
  return 1;
}
