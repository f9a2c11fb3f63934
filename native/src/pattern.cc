// Pattern fill and compare. Hot loops avoid allocations: AES keystream is produced by encrypting a
// static zero block straight into the destination, and comparisons use a per-thread scratch.
#include "pattern.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace erasebox {
namespace {

constexpr size_t kStep = 64 * 1024;
alignas(64) const uint8_t kZeros[kStep] = {0};

void CounterIv(uint64_t block, uint8_t iv[16]) {
  // 128-bit big-endian counter; the high 64 bits stay 0 for any device below 2^68 bytes.
  std::memset(iv, 0, 8);
  for (int i = 0; i < 8; i++) iv[15 - i] = static_cast<uint8_t>(block >> (8 * i));
}

bool FillAes(uint8_t* p, size_t len, uint64_t devOff, const uint8_t key[16]) {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  if (!ctx) return false;
  uint8_t iv[16];
  CounterIv(devOff / 16, iv);
  bool ok = EVP_EncryptInit_ex(ctx, EVP_aes_128_ctr(), nullptr, key, iv) == 1;
  int outl = 0;
  size_t skip = devOff % 16;  // an unaligned start: generate the head block and drop its prefix
  if (ok && skip) {
    uint8_t head[16];
    ok = EVP_EncryptUpdate(ctx, head, &outl, kZeros, 16) == 1;
    size_t n = std::min(len, 16 - skip);
    std::memcpy(p, head + skip, n);
    p += n;
    len -= n;
  }
  while (ok && len) {
    size_t n = std::min(len, kStep);
    ok = EVP_EncryptUpdate(ctx, p, &outl, kZeros, static_cast<int>(n)) == 1;
    p += n;
    len -= n;
  }
  EVP_CIPHER_CTX_free(ctx);
  return ok;
}

void FillRepeat(uint8_t* p, size_t len, uint64_t devOff, const uint8_t* b, size_t n) {
  size_t phase = devOff % n;
  size_t first = std::min(len, n);
  for (size_t i = 0; i < first; i++) p[i] = b[(phase + i) % n];
  // Doubling copy: p[0..done) is already a whole number of periods (or all of len).
  size_t done = first;
  while (done < len) {
    size_t chunk = std::min(done - done % n, len - done);
    if (chunk == 0) chunk = std::min(n, len - done);
    std::memcpy(p + done, p, chunk);
    done += chunk;
  }
}

}  // namespace

bool Fill(uint8_t* p, size_t len, uint64_t devOff, const Pattern& pat) {
  switch (pat.kind) {
    case PatternKind::Constant:
      std::memset(p, pat.bytes[0], len);
      return true;
    case PatternKind::Repeat:
      FillRepeat(p, len, devOff, pat.bytes, pat.len);
      return true;
    case PatternKind::AesCtr:
      return FillAes(p, len, devOff, pat.bytes);
  }
  return false;
}

CompareResult Compare(const uint8_t* p, size_t len, uint64_t devOff, const Pattern& pat, size_t blockSize) {
  CompareResult r;
  if (blockSize == 0) blockSize = 4096;
  auto mark = [&](size_t at) {
    r.mismatchedBlocks++;
    if (r.firstMismatch < 0) r.firstMismatch = static_cast<int64_t>(devOff + at);
  };
  if (pat.kind == PatternKind::Constant) {
    // Self-shift compare: a block is constant iff its first byte matches and it equals itself
    // shifted by one byte. memcmp runs at memory speed.
    for (size_t at = 0; at < len; at += blockSize) {
      size_t n = std::min(blockSize, len - at);
      const uint8_t* b = p + at;
      if (b[0] != pat.bytes[0] || (n > 1 && std::memcmp(b, b + 1, n - 1) != 0)) mark(at);
    }
    return r;
  }
  // Generated patterns: regenerate a step (a whole number of blocks) into a per-thread scratch.
  size_t step = std::max(blockSize, kStep / blockSize * blockSize);
  thread_local std::vector<uint8_t> scratch;
  if (scratch.size() < step) scratch.resize(step);
  for (size_t at = 0; at < len; at += step) {
    size_t n = std::min(step, len - at);
    if (!Fill(scratch.data(), n, devOff + at, pat)) {
      r.ok = false;
      return r;
    }
    for (size_t b = 0; b < n; b += blockSize) {
      size_t m = std::min(blockSize, n - b);
      if (std::memcmp(p + at + b, scratch.data() + b, m) != 0) mark(at + b);
    }
  }
  return r;
}

}  // namespace erasebox
