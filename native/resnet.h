// ResNet18 for 2D or 3D inputs (2.5D is 2D with neighbouring slices as
// channels), with configurable stage widths, written against the LibTorch C++
// API. The layer layout follows torchvision's resnet18 (a stem convolution,
// four stages of two basic blocks, global average pooling, one linear layer).
//
// Deliberate differences from torchvision: the classifier has no bias (see
// below), and the stem's max-pooling is optional
// (`stemMaxPool`). Without it a 64 x 64 patch keeps a 4 x 4 last feature map
// instead of 2 x 2, which gives the class activation map a usable resolution.
#pragma once

#include <torch/torch.h>

#include <memory>
#include <vector>

namespace radfusion {

struct NetConfig {
  int spatialDims = 2;        // 2 (2D and 2.5D) or 3
  int64_t inChannels = 1;     // 1 for 2D/3D, the slice count for 2.5D
  std::vector<int64_t> widths = {32, 64, 128, 256};
  int64_t numClasses = 2;
  bool stemMaxPool = false;
};

// The convolution, batch-norm and pooling types of a spatial rank.
template <int D>
struct Layers;

template <>
struct Layers<2> {
  using Conv = torch::nn::Conv2d;
  using ConvOptions = torch::nn::Conv2dOptions;
  using BatchNorm = torch::nn::BatchNorm2d;
  using MaxPool = torch::nn::MaxPool2d;
  using MaxPoolOptions = torch::nn::MaxPool2dOptions;
};

template <>
struct Layers<3> {
  using Conv = torch::nn::Conv3d;
  using ConvOptions = torch::nn::Conv3dOptions;
  using BatchNorm = torch::nn::BatchNorm3d;
  using MaxPool = torch::nn::MaxPool3d;
  using MaxPoolOptions = torch::nn::MaxPool3dOptions;
};

template <int D>
class BasicBlock : public torch::nn::Module {
 public:
  using L = Layers<D>;

  BasicBlock(int64_t in, int64_t out, int64_t stride)
      : conv1_(typename L::ConvOptions(in, out, 3).stride(stride).padding(1).bias(false)),
        bn1_(out),
        conv2_(typename L::ConvOptions(out, out, 3).stride(1).padding(1).bias(false)),
        bn2_(out) {
    register_module("conv1", conv1_);
    register_module("bn1", bn1_);
    register_module("conv2", conv2_);
    register_module("bn2", bn2_);
    if (stride != 1 || in != out) {
      downsample_ = torch::nn::Sequential(
          typename L::Conv(typename L::ConvOptions(in, out, 1).stride(stride).bias(false)),
          typename L::BatchNorm(out));
      register_module("downsample", downsample_);
    }
  }

  torch::Tensor forward(torch::Tensor x) {
    torch::Tensor identity = downsample_ ? downsample_->forward(x) : x;
    torch::Tensor out = torch::relu(bn1_(conv1_(x)));
    out = bn2_(conv2_(out));
    return torch::relu(out + identity);
  }

 private:
  typename L::Conv conv1_;
  typename L::BatchNorm bn1_;
  typename L::Conv conv2_;
  typename L::BatchNorm bn2_;
  torch::nn::Sequential downsample_{nullptr};
};

// The interface the addon uses, independent of the spatial rank.
class Network : public torch::nn::Module {
 public:
  explicit Network(const NetConfig& config) : config_(config) {}
  virtual ~Network() = default;

  // The last stage's feature maps, [B, C, h, w] or [B, C, d, h, w].
  virtual torch::Tensor featureMaps(torch::Tensor x) = 0;

  torch::nn::Linear& classifier() { return fc_; }
  const NetConfig& config() const { return config_; }

 protected:
  NetConfig config_;
  torch::nn::Linear fc_{nullptr};
};

template <int D>
class ResNet18 : public Network {
 public:
  using L = Layers<D>;

  explicit ResNet18(const NetConfig& config)
      : Network(config),
        stemConv_(typename L::ConvOptions(config.inChannels, config.widths.at(0), 7)
                      .stride(2)
                      .padding(3)
                      .bias(false)),
        stemBn_(config.widths.at(0)) {
    register_module("conv1", stemConv_);
    register_module("bn1", stemBn_);
    if (config.stemMaxPool) {
      stemPool_ = register_module(
          "maxpool", typename L::MaxPool(typename L::MaxPoolOptions(3).stride(2).padding(1)));
    }
    int64_t in = config.widths.at(0);
    for (size_t s = 0; s < 4; s++) {
      const int64_t out = config.widths.at(s);
      const int64_t stride = s == 0 ? 1 : 2;
      torch::nn::Sequential stage;
      stage->push_back(std::make_shared<BasicBlock<D>>(in, out, stride));
      stage->push_back(std::make_shared<BasicBlock<D>>(out, out, 1));
      stages_.push_back(register_module("layer" + std::to_string(s + 1), stage));
      in = out;
    }
    // No bias: the log-odds of a class is then exactly the spatial mean of its
    // unrectified CAM, so a confident prediction always has a visible map.
    fc_ = register_module(
        "fc", torch::nn::Linear(torch::nn::LinearOptions(in, config.numClasses).bias(false)));
    initialise();
  }

  torch::Tensor featureMaps(torch::Tensor x) override {
    x = torch::relu(stemBn_(stemConv_(x)));
    if (stemPool_) x = stemPool_(x);
    for (auto& stage : stages_) x = stage->forward(x);
    return x;
  }

 private:
  // torchvision's initialisation: He-normal (fan-out) convolutions, batch-norm
  // scale 1 and shift 0; the linear layer keeps LibTorch's default.
  void initialise() {
    torch::NoGradGuard noGrad;
    for (auto& module : modules(/*include_self=*/false)) {
      if (auto* conv = module->as<typename L::Conv>()) {
        torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut, torch::kReLU);
      } else if (auto* bn = module->as<typename L::BatchNorm>()) {
        torch::nn::init::ones_(bn->weight);
        torch::nn::init::zeros_(bn->bias);
      }
    }
  }

  typename L::Conv stemConv_;
  typename L::BatchNorm stemBn_;
  typename L::MaxPool stemPool_{nullptr};
  std::vector<torch::nn::Sequential> stages_;
};

inline std::shared_ptr<Network> makeResNet18(const NetConfig& config) {
  if (config.spatialDims == 3) return std::make_shared<ResNet18<3>>(config);
  return std::make_shared<ResNet18<2>>(config);
}

}  // namespace radfusion
