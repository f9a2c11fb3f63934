// Streaming BLAKE3 (the C reference from node_modules/@c4312/blake3-native/c, with its SIMD
// dispatch). Two ways to feed a hasher, both giving b3sum's digest:
//  - update / updateAsync: the bytes themselves, in stream order (the caller serialises them);
//  - b3Subtree (any thread, any order) + pushSubtree (in stream order): for whole, aligned
//    subtrees, the expensive part runs in parallel and only two cheap CV pushes are ordered.
#include "hasher.h"

#include <cstdio>
#include <cstring>

#include "b3tree.h"

namespace erasebox {
namespace {

bool BufArgs(const Napi::CallbackInfo& info, size_t at, const uint8_t** data, size_t* len) {
  if (!info[at].IsTypedArray()) return false;
  auto b = info[at].As<Napi::Uint8Array>();
  *data = b.Data();
  *len = info.Length() > at + 1 && info[at + 1].IsNumber() ? static_cast<size_t>(info[at + 1].As<Napi::Number>().Int64Value()) : b.ByteLength();
  return *len <= b.ByteLength();
}

class Blake3 : public Napi::ObjectWrap<Blake3> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Blake3",
                       {InstanceMethod("update", &Blake3::Update), InstanceMethod("updateAsync", &Blake3::UpdateAsync),
                        InstanceMethod("pushSubtree", &Blake3::PushSubtree), InstanceMethod("position", &Blake3::Position),
                        InstanceMethod("digest", &Blake3::Digest)});
  }
  explicit Blake3(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Blake3>(info) { blake3_hasher_init(&h_); }
  blake3_hasher h_;

 private:
  Napi::Value Update(const Napi::CallbackInfo& info) {
    const uint8_t* d;
    size_t n;
    if (!BufArgs(info, 0, &d, &n)) {
      Napi::TypeError::New(info.Env(), "update(buf, len?)").ThrowAsJavaScriptException();
      return info.Env().Undefined();
    }
    blake3_hasher_update(&h_, d, n);
    return info.Env().Undefined();
  }
  Napi::Value UpdateAsync(const Napi::CallbackInfo& info);
  // pushSubtree(cvs: 64 bytes from b3Subtree, position, len) -> boolean (false: hasher unchanged,
  // the caller must update() with the bytes instead).
  Napi::Value PushSubtree(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!info[0].IsTypedArray() || info[0].As<Napi::Uint8Array>().ByteLength() != 64 || !info[1].IsNumber() || !info[2].IsNumber()) {
      Napi::TypeError::New(env, "pushSubtree(cvs[64], position, len)").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    uint64_t pos = static_cast<uint64_t>(info[1].As<Napi::Number>().Int64Value());
    size_t len = static_cast<size_t>(info[2].As<Napi::Number>().Int64Value());
    return Napi::Boolean::New(env, eb_b3_push_subtree(&h_, info[0].As<Napi::Uint8Array>().Data(), pos, len) == 1);
  }
  Napi::Value Position(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), static_cast<double>(eb_b3_position(&h_))); }
  Napi::Value Digest(const Napi::CallbackInfo& info) {
    uint8_t out[BLAKE3_OUT_LEN];
    blake3_hasher_finalize(&h_, out, BLAKE3_OUT_LEN);
    char hex[BLAKE3_OUT_LEN * 2 + 1];
    for (size_t i = 0; i < BLAKE3_OUT_LEN; i++) snprintf(hex + 2 * i, 3, "%02x", out[i]);
    return Napi::String::New(info.Env(), hex, BLAKE3_OUT_LEN * 2);
  }
};

class HashWorker : public Napi::AsyncWorker {
 public:
  HashWorker(Napi::Env env, Blake3* h, const uint8_t* d, size_t n)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), h_(h), d_(d), n_(n) {}
  Napi::Promise::Deferred deferred_;
  Napi::ObjectReference keepBuf_, keepHasher_;
  void Execute() override { blake3_hasher_update(&h_->h_, d_, n_); }
  void OnOK() override {
    keepBuf_.Reset();
    keepHasher_.Reset();
    deferred_.Resolve(Env().Undefined());
  }

 private:
  Blake3* h_;
  const uint8_t* d_;
  size_t n_;
};

Napi::Value Blake3::UpdateAsync(const Napi::CallbackInfo& info) {
  const uint8_t* d;
  size_t n;
  if (!BufArgs(info, 0, &d, &n)) {
    Napi::TypeError::New(info.Env(), "updateAsync(buf, len?)").ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  auto* w = new HashWorker(info.Env(), this, d, n);
  w->keepBuf_ = Napi::Persistent(info[0].As<Napi::Object>());
  w->keepHasher_ = Napi::Persistent(info.This().As<Napi::Object>());
  Napi::Promise p = w->deferred_.Promise();
  w->Queue();
  return p;
}

// The CV pair of one subtree on the thread pool; resolves to a 64-byte Buffer.
class SubtreeWorker : public Napi::AsyncWorker {
 public:
  SubtreeWorker(Napi::Env env, const uint8_t* d, size_t n, uint64_t pos)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), d_(d), n_(n), pos_(pos) {}
  Napi::Promise::Deferred deferred_;
  Napi::ObjectReference keepBuf_;
  void Execute() override { eb_b3_subtree_cvs(d_, n_, pos_, out_); }
  void OnOK() override {
    keepBuf_.Reset();
    deferred_.Resolve(Napi::Buffer<uint8_t>::Copy(Env(), out_, sizeof(out_)));
  }

 private:
  const uint8_t* d_;
  size_t n_;
  uint64_t pos_;
  uint8_t out_[64] = {0};
};

bool SubtreeArgs(const Napi::CallbackInfo& info, const uint8_t** d, size_t* n, uint64_t* pos) {
  if (!BufArgs(info, 0, d, n) || !info[2].IsNumber()) return false;
  *pos = static_cast<uint64_t>(info[2].As<Napi::Number>().Int64Value());
  return eb_b3_subtree_ok(*pos, *n) == 1;
}

// b3SubtreeAsync(buf, len, position) -> Promise<Buffer(64)>; throws if not a whole aligned subtree.
Napi::Value SubtreeAsync(const Napi::CallbackInfo& info) {
  const uint8_t* d;
  size_t n;
  uint64_t pos;
  if (!SubtreeArgs(info, &d, &n, &pos)) {
    Napi::TypeError::New(info.Env(), "b3SubtreeAsync(buf, len, position): len must be 2^k chunks (k>=1) and position a multiple of len").ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  auto* w = new SubtreeWorker(info.Env(), d, n, pos);
  w->keepBuf_ = Napi::Persistent(info[0].As<Napi::Object>());
  Napi::Promise p = w->deferred_.Promise();
  w->Queue();
  return p;
}

// b3Subtree(buf, len, position) -> Buffer(64), synchronous (tests).
Napi::Value SubtreeSync(const Napi::CallbackInfo& info) {
  const uint8_t* d;
  size_t n;
  uint64_t pos;
  if (!SubtreeArgs(info, &d, &n, &pos)) {
    Napi::TypeError::New(info.Env(), "b3Subtree(buf, len, position): len must be 2^k chunks (k>=1) and position a multiple of len").ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  uint8_t out[64];
  eb_b3_subtree_cvs(d, n, pos, out);
  return Napi::Buffer<uint8_t>::Copy(info.Env(), out, sizeof(out));
}

}  // namespace

void InitHasher(Napi::Env env, Napi::Object exports) {
  exports.Set("Blake3", Blake3::Define(env));
  exports.Set("b3SubtreeAsync", Napi::Function::New(env, SubtreeAsync));
  exports.Set("b3Subtree", Napi::Function::New(env, SubtreeSync));
}

}  // namespace erasebox
