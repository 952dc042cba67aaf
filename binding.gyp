{
  # radfusion's LibTorch addon (src/deep/ loads build/Release/radfusion_torch.node).
  # Built by `npm ci` through native/build-addon.mjs, which first checks that a
  # LibTorch exists; native/find-libtorch.mjs says where.
  "targets": [
    {
      "target_name": "radfusion_torch",
      "sources": ["native/radfusion_torch.cc"],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<!@(node native/find-libtorch.mjs include)"
      ],
      "defines": [
        "NAPI_VERSION=8",
        "NAPI_CPP_EXCEPTIONS",
        "<!@(node native/find-libtorch.mjs defines)"
      ],
      # LibTorch needs C++ exceptions and RTTI, which node-gyp turns off by default.
      "cflags!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17", "-std=gnu++1y"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-frtti", "-O2", "-Wno-unused-parameter"],
      "libraries": ["<!@(node native/find-libtorch.mjs libraries)"]
    }
  ]
}
