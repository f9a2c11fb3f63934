// Pattern streams, regenerable from the absolute device byte offset. No policy: the engine decides
// which pattern a pass uses; this file only fills and compares bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace erasebox {

enum class PatternKind : int { Constant = 0, Repeat = 1, AesCtr = 2 };

struct Pattern {
  PatternKind kind = PatternKind::Constant;
  // Constant: bytes[0]; Repeat: bytes[0..len) (phase = device offset mod len); AesCtr: 16-byte key.
  uint8_t bytes[64] = {0};
  size_t len = 1;
};

// Fill p[0..len) with the pattern bytes that belong at device offsets [devOff, devOff+len).
// AES-128-CTR: key = seed, 128-bit big-endian counter = offset / 16, IV 0, i.e. the bytes of
// `openssl enc -aes-128-ctr -K <seed> -iv 0 -nosalt < /dev/zero` at that offset.
// Returns false only if OpenSSL refused (never for constant/repeat).
bool Fill(uint8_t* p, size_t len, uint64_t devOff, const Pattern& pat);

struct CompareResult {
  uint64_t mismatchedBlocks = 0;
  int64_t firstMismatch = -1;  // absolute device offset of the first mismatching block, or -1
  bool ok = true;              // false if the expected stream could not be generated
};

// Compare p[0..len) with the pattern at devOff, in blocks of blockSize bytes (the last block may be
// short). Blocks are aligned to devOff, which the caller keeps block-aligned.
CompareResult Compare(const uint8_t* p, size_t len, uint64_t devOff, const Pattern& pat, size_t blockSize);

}  // namespace erasebox
