// erasebox native addon: aligned O_DIRECT block I/O, pattern fill/compare, BLAKE3. Mechanism only;
// every decision (what to write, when to flush, how to retry) is made in TypeScript.
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <napi.h>

#include "hasher.h"
#include "pattern.h"
#include "worker.h"

namespace erasebox {
namespace {

// Bump when a function's signature or result shape changes; src/hw/block/native.ts checks it.
constexpr int kAbiVersion = 1;

Napi::Value Throw(Napi::Env env, int err, const char* syscall, const std::string& path) {
  Napi::Error e = Napi::Error::New(env, std::string(strerror(err)) + ", " + syscall + " '" + path + "'");
  e.Set("code", Napi::String::New(env, ErrnoName(err)));
  e.Set("errno", Napi::Number::New(env, err));
  e.Set("syscall", Napi::String::New(env, syscall));
  e.ThrowAsJavaScriptException();
  return env.Undefined();
}

// open(path, writable) -> {fd, sizeBytes, logicalSectorSize, physicalSectorSize}
// Refuses anything that is not a block device before and after opening; never creates a file.
Napi::Value Open(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string path = info[0].As<Napi::String>();
  bool writable = info[1].ToBoolean();
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return Throw(env, errno, "stat", path);
  if (!S_ISBLK(st.st_mode)) return Throw(env, ENOTBLK, "stat", path);
  int flags = (writable ? (O_RDWR | O_EXCL) : O_RDONLY) | O_DIRECT | O_CLOEXEC | O_NOCTTY;
  int fd = open(path.c_str(), flags);
  if (fd < 0) return Throw(env, errno, "open", path);
  uint64_t size = 0;
  int lss = 0;
  unsigned int pss = 0;
  if (fstat(fd, &st) != 0 || !S_ISBLK(st.st_mode)) {
    int err = S_ISBLK(st.st_mode) ? errno : ENOTBLK;
    close(fd);
    return Throw(env, err, "fstat", path);
  }
  if (ioctl(fd, BLKGETSIZE64, &size) != 0 || ioctl(fd, BLKSSZGET, &lss) != 0 || ioctl(fd, BLKPBSZGET, &pss) != 0) {
    int err = errno;
    close(fd);
    return Throw(env, err, "ioctl", path);
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("fd", fd);
  out.Set("sizeBytes", Napi::Number::New(env, static_cast<double>(size)));
  out.Set("logicalSectorSize", lss);
  out.Set("physicalSectorSize", pss);
  return out;
}

Napi::Value Close(const Napi::CallbackInfo& info) {
  int fd = info[0].As<Napi::Number>().Int32Value();
  if (close(fd) != 0) return Throw(info.Env(), errno, "close", std::to_string(fd));
  return info.Env().Undefined();
}

// allocAligned(size, alignment) -> Buffer whose memory is alignment-aligned (for O_DIRECT).
Napi::Value AllocAligned(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  size_t size = static_cast<size_t>(info[0].As<Napi::Number>().Int64Value());
  size_t align = info.Length() > 1 ? static_cast<size_t>(info[1].As<Napi::Number>().Int64Value()) : 4096;
  void* p = nullptr;
  if (size == 0 || posix_memalign(&p, align, size) != 0) return Throw(env, ENOMEM, "posix_memalign", "");
  memset(p, 0, size);  // touch the pages now, not in the first timed pass
  return Napi::Buffer<uint8_t>::New(env, static_cast<uint8_t*>(p), size, [](Napi::Env, uint8_t* d) { free(d); });
}

// fill(buf, len, devOff, pattern): synchronous, for in-memory devices and tests.
Napi::Value FillSync(const Napi::CallbackInfo& info) {
  auto buf = info[0].As<Napi::Uint8Array>();
  size_t len = static_cast<size_t>(info[1].As<Napi::Number>().Int64Value());
  uint64_t off = static_cast<uint64_t>(info[2].As<Napi::Number>().Int64Value());
  Pattern pat;
  if (!ParsePattern(info[3], &pat) || len > buf.ByteLength()) {
    Napi::TypeError::New(info.Env(), "fill: bad pattern or length").ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  if (!Fill(buf.Data(), len, off, pat)) return Throw(info.Env(), EIO, "EVP_EncryptUpdate", "");
  return info.Env().Undefined();
}

// compare(buf, len, devOff, pattern, blockSize) -> {mismatches, firstMismatch}
Napi::Value CompareSync(const Napi::CallbackInfo& info) {
  auto buf = info[0].As<Napi::Uint8Array>();
  size_t len = static_cast<size_t>(info[1].As<Napi::Number>().Int64Value());
  uint64_t off = static_cast<uint64_t>(info[2].As<Napi::Number>().Int64Value());
  size_t bs = static_cast<size_t>(info[4].As<Napi::Number>().Int64Value());
  Pattern pat;
  if (!ParsePattern(info[3], &pat) || len > buf.ByteLength()) {
    Napi::TypeError::New(info.Env(), "compare: bad pattern or length").ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  CompareResult r = Compare(buf.Data(), len, off, pat, bs);
  if (!r.ok) return Throw(info.Env(), EIO, "EVP_EncryptUpdate", "");
  return CompareToJs(info.Env(), r);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("ABI_VERSION", Napi::Number::New(env, kAbiVersion));
  exports.Set("opensslVersion", Napi::String::New(env, OpenSSL_version(OPENSSL_VERSION)));
  exports.Set("open", Napi::Function::New(env, Open));
  exports.Set("close", Napi::Function::New(env, Close));
  exports.Set("allocAligned", Napi::Function::New(env, AllocAligned));
  exports.Set("fill", Napi::Function::New(env, FillSync));
  exports.Set("compare", Napi::Function::New(env, CompareSync));
  InitWorkers(env, exports);
  InitHasher(env, exports);
  return exports;
}

}  // namespace
}  // namespace erasebox

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return erasebox::Init(env, exports); }
NODE_API_MODULE(erasebox, InitModule)
