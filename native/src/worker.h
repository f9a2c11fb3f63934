// Asynchronous block I/O on the libuv thread pool (one Napi::AsyncWorker per call).
#pragma once
#include <napi.h>

#include <string>

#include "pattern.h"

namespace erasebox {

// "EIO", "ENOSPC", ... (falls back to "E<number>").
std::string ErrnoName(int err);
// JS {kind: 0|1|2, bytes: Uint8Array} -> Pattern. Returns false on a malformed pattern.
bool ParsePattern(Napi::Value v, Pattern* out);
Napi::Object CompareToJs(Napi::Env env, const CompareResult& r);
void InitWorkers(Napi::Env env, Napi::Object exports);

}  // namespace erasebox
