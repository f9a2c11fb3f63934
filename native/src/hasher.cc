// Streaming BLAKE3 (the C reference from node_modules/@c4312/blake3-native/c, with its SIMD
// dispatch). updateAsync hashes on the thread pool; the caller serialises updates of one hasher.
#include "hasher.h"

#include <cstdio>

extern "C" {
#include "blake3.h"
}

namespace erasebox {
namespace {

class Blake3 : public Napi::ObjectWrap<Blake3> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Blake3",
                       {InstanceMethod("update", &Blake3::Update), InstanceMethod("updateAsync", &Blake3::UpdateAsync),
                        InstanceMethod("digest", &Blake3::Digest)});
  }
  explicit Blake3(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Blake3>(info) { blake3_hasher_init(&h_); }
  blake3_hasher h_;

 private:
  static bool Args(const Napi::CallbackInfo& info, const uint8_t** data, size_t* len) {
    if (!info[0].IsTypedArray()) return false;
    auto b = info[0].As<Napi::Uint8Array>();
    *data = b.Data();
    *len = info.Length() > 1 && info[1].IsNumber() ? static_cast<size_t>(info[1].As<Napi::Number>().Int64Value()) : b.ByteLength();
    return *len <= b.ByteLength();
  }
  Napi::Value Update(const Napi::CallbackInfo& info) {
    const uint8_t* d;
    size_t n;
    if (!Args(info, &d, &n)) {
      Napi::TypeError::New(info.Env(), "update(buf, len?)").ThrowAsJavaScriptException();
      return info.Env().Undefined();
    }
    blake3_hasher_update(&h_, d, n);
    return info.Env().Undefined();
  }
  Napi::Value UpdateAsync(const Napi::CallbackInfo& info);
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
  if (!Args(info, &d, &n)) {
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

}  // namespace

void InitHasher(Napi::Env env, Napi::Object exports) { exports.Set("Blake3", Blake3::Define(env)); }

}  // namespace erasebox
