#pragma once
#include <napi.h>
namespace erasebox {
// Exports class Blake3 { update(buf, len?): void; updateAsync(buf, len?): Promise<void>; digest(): string }
void InitHasher(Napi::Env env, Napi::Object exports);
}  // namespace erasebox
