// pwrite / pread / fdatasync and the combined fill+pwrite and pread+compare operations. Each call
// returns a Promise; a failure rejects with an Error carrying code (errno name), syscall, offset.
#include "worker.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <cstdint>

namespace erasebox {

std::string ErrnoName(int err) {
  switch (err) {
#define E(x) \
  case x:    \
    return #x;
    E(EIO) E(ENOSPC) E(EINVAL) E(EBUSY) E(ENOENT) E(ENOTBLK) E(EACCES) E(EPERM) E(ENXIO) E(ENODEV)
    E(EROFS) E(EBADF) E(ENOMEM) E(EAGAIN) E(EINTR) E(ENOMEDIUM) E(ETIMEDOUT) E(EFAULT) E(EISDIR)
    E(ENOTSUP) E(EMEDIUMTYPE) E(EREMOTEIO) E(EILSEQ) E(ENODATA) E(EOVERFLOW)
#undef E
    default:
      return "E" + std::to_string(err);
  }
}

bool ParsePattern(Napi::Value v, Pattern* out) {
  if (!v.IsObject()) return false;
  Napi::Object o = v.As<Napi::Object>();
  Napi::Value kind = o.Get("kind");
  Napi::Value bytes = o.Get("bytes");
  if (!kind.IsNumber() || !bytes.IsTypedArray()) return false;
  auto b = bytes.As<Napi::Uint8Array>();
  int k = kind.As<Napi::Number>().Int32Value();
  size_t n = b.ByteLength();
  if (k == 0 && n >= 1) {
    out->kind = PatternKind::Constant;
    n = 1;
  } else if (k == 1 && n >= 1 && n <= sizeof(out->bytes)) {
    out->kind = PatternKind::Repeat;
  } else if (k == 2 && n == 16) {
    out->kind = PatternKind::AesCtr;
  } else {
    return false;
  }
  memcpy(out->bytes, b.Data(), n);
  out->len = n;
  return true;
}

Napi::Object CompareToJs(Napi::Env env, const CompareResult& r) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("mismatches", Napi::Number::New(env, static_cast<double>(r.mismatchedBlocks)));
  o.Set("firstMismatch", Napi::Number::New(env, static_cast<double>(r.firstMismatch)));
  return o;
}

namespace {

enum class Op { Write, Read, Sync, FillWrite, ReadCompare };

class IoWorker : public Napi::AsyncWorker {
 public:
  IoWorker(Napi::Env env, Op op) : Napi::AsyncWorker(env), op_(op), deferred_(Napi::Promise::Deferred::New(env)) {}
  Napi::Promise Promise() { return deferred_.Promise(); }

  int fd_ = -1;
  uint8_t* data_ = nullptr;
  size_t len_ = 0;
  uint64_t off_ = 0;
  size_t blockSize_ = 4096;
  Pattern pat_;
  Napi::ObjectReference keep_;  // the buffer stays alive while the thread pool uses it

  void Execute() override {
    switch (op_) {
      case Op::Sync:
        if (fdatasync(fd_) != 0) Fail(errno, "fdatasync");
        return;
      case Op::FillWrite:
        if (!Fill(data_, len_, off_, pat_)) return Fail(EIO, "EVP_EncryptUpdate");
        [[fallthrough]];
      case Op::Write:
        return Transfer(true);
      case Op::Read:
        return Transfer(false);
      case Op::ReadCompare:
        Transfer(false);
        if (err_ == 0) {
          cmp_ = Compare(data_, len_, off_, pat_, blockSize_);
          if (!cmp_.ok) Fail(EIO, "EVP_EncryptUpdate");
        }
        return;
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    keep_.Reset();
    if (err_ != 0) {
      Napi::Error e = Napi::Error::New(env, std::string(strerror(err_)) + ", " + syscall_ + " at offset " + std::to_string(failOff_));
      e.Set("code", Napi::String::New(env, ErrnoName(err_)));
      e.Set("errno", Napi::Number::New(env, err_));
      e.Set("syscall", Napi::String::New(env, syscall_));
      e.Set("offset", Napi::Number::New(env, static_cast<double>(failOff_)));
      deferred_.Reject(e.Value());
      return;
    }
    if (op_ == Op::ReadCompare) {
      deferred_.Resolve(CompareToJs(env, cmp_));
    } else {
      deferred_.Resolve(Napi::Number::New(env, static_cast<double>(done_)));
    }
  }

 private:
  void Fail(int err, const char* syscall) {
    err_ = err;
    syscall_ = syscall;
  }
  // Loops over short transfers; a zero-byte transfer before the end is reported as ENOSPC/ENODATA.
  void Transfer(bool write) {
    while (done_ < len_) {
      ssize_t n = write ? pwrite(fd_, data_ + done_, len_ - done_, off_ + done_) : pread(fd_, data_ + done_, len_ - done_, off_ + done_);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        failOff_ = off_ + done_;
        return Fail(n < 0 ? errno : (write ? ENOSPC : ENODATA), write ? "pwrite" : "pread");
      }
      done_ += static_cast<size_t>(n);
    }
  }

  Op op_;
  Napi::Promise::Deferred deferred_;
  int err_ = 0;
  const char* syscall_ = "";
  uint64_t failOff_ = 0;
  size_t done_ = 0;
  CompareResult cmp_;
};

// Arguments: (fd, buf, len, off[, pattern[, blockSize]])
Napi::Value Start(const Napi::CallbackInfo& info, Op op) {
  Napi::Env env = info.Env();
  auto* w = new IoWorker(env, op);
  w->fd_ = info[0].As<Napi::Number>().Int32Value();
  if (op != Op::Sync) {
    if (!info[1].IsTypedArray()) {
      delete w;
      Napi::TypeError::New(env, "buffer expected").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    auto buf = info[1].As<Napi::Uint8Array>();
    w->data_ = buf.Data();
    w->len_ = static_cast<size_t>(info[2].As<Napi::Number>().Int64Value());
    w->off_ = static_cast<uint64_t>(info[3].As<Napi::Number>().Int64Value());
    bool badPattern = (op == Op::FillWrite || op == Op::ReadCompare) && !ParsePattern(info[4], &w->pat_);
    if (w->len_ > buf.ByteLength() || badPattern) {
      delete w;
      Napi::TypeError::New(env, "bad length or pattern").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    if (op == Op::ReadCompare && info.Length() > 5) w->blockSize_ = static_cast<size_t>(info[5].As<Napi::Number>().Int64Value());
    w->keep_ = Napi::Persistent(info[1].As<Napi::Object>());
  }
  Napi::Promise p = w->Promise();
  w->Queue();
  return p;
}

}  // namespace

void InitWorkers(Napi::Env env, Napi::Object exports) {
  exports.Set("pwrite", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return Start(i, Op::Write); }));
  exports.Set("pread", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return Start(i, Op::Read); }));
  exports.Set("fdatasync", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return Start(i, Op::Sync); }));
  exports.Set("fillWrite", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return Start(i, Op::FillWrite); }));
  exports.Set("readCompare", Napi::Function::New(env, [](const Napi::CallbackInfo& i) { return Start(i, Op::ReadCompare); }));
}

}  // namespace erasebox
