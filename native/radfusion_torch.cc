// radfusion's LibTorch addon: a narrow, model-level API over one ResNet18.
//
// JavaScript creates a `Network`, trains it one batch at a time, evaluates
// batches (probabilities and pooled features), computes class activation maps
// and saves or loads its state. Batches cross as Float32Array in the layout
// [B, C, H, W] (2D) or [B, C, D, H, W] (3D), the last axis fastest, so a patch
// stored x-fastest maps to W. Everything else (data, augmentation, schedules,
// early stopping, checkpoints) lives in TypeScript (src/deep/).
//
// Loss of one training batch:
//   focal = mean_b( -(1 - p_b)^gamma * log p_b ),  p_b the softmax of the true class
//           (times alpha for positives and 1 - alpha for negatives when alpha >= 0)
//   CAM_b = normalise(relu(sum_c w[y_b, c] * F_b,c)), resized to the mask size,
//           with F the last feature maps, w the classifier weights (for two
//           classes the log-odds weights w[y] - w[1 - y]) and
//           normalise(a) = (a - min a) / (max a - min a + 1e-6)
//   dice  = mean_b( 1 - (2 sum(CAM_b M_b) + 1) / (sum CAM_b + sum M_b + 1) )
//   loss  = focal + camDiceWeight * dice
#include <napi.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <cstring>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "resnet.h"

namespace {

using radfusion::NetConfig;
using radfusion::Network;

std::string shapeText(const std::vector<int64_t>& shape) {
  std::ostringstream text;
  for (size_t n = 0; n < shape.size(); n++) text << (n ? "x" : "") << shape[n];
  return text.str();
}

int64_t product(const std::vector<int64_t>& shape, size_t from = 0) {
  int64_t p = 1;
  for (size_t n = from; n < shape.size(); n++) p *= shape[n];
  return p;
}

std::vector<int64_t> readShape(const Napi::Value& value, const char* what) {
  if (!value.IsArray()) {
    throw Napi::TypeError::New(value.Env(), std::string(what) + ": expected an array of sizes");
  }
  const Napi::Array array = value.As<Napi::Array>();
  std::vector<int64_t> shape;
  for (uint32_t n = 0; n < array.Length(); n++) {
    const Napi::Value v = array.Get(n);
    const int64_t size = v.IsNumber() ? v.As<Napi::Number>().Int64Value() : -1;
    if (size <= 0) {
      throw Napi::RangeError::New(value.Env(),
                                  std::string(what) + ": sizes must be positive integers");
    }
    shape.push_back(size);
  }
  return shape;
}

Napi::Float32Array readFloats(const Napi::Value& value, const char* what) {
  if (!value.IsTypedArray() ||
      value.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throw Napi::TypeError::New(value.Env(), std::string(what) + ": expected a Float32Array");
  }
  return value.As<Napi::Float32Array>();
}

double numberOption(const Napi::Object& options, const char* key, double fallback) {
  const Napi::Value v = options.Get(key);
  return v.IsNumber() ? v.As<Napi::Number>().DoubleValue() : fallback;
}

Napi::Float32Array toFloat32Array(Napi::Env env, const torch::Tensor& tensor) {
  const torch::Tensor cpu = tensor.detach().to(torch::kCPU, torch::kFloat32).contiguous();
  Napi::Float32Array out = Napi::Float32Array::New(env, static_cast<size_t>(cpu.numel()));
  std::memcpy(out.Data(), cpu.data_ptr<float>(), sizeof(float) * cpu.numel());
  return out;
}

// Runs `body`, turning LibTorch's and the standard library's exceptions into
// JavaScript errors that keep LibTorch's message.
template <typename F>
auto guarded(Napi::Env env, F body) -> decltype(body()) {
  try {
    return body();
  } catch (const Napi::Error&) {
    throw;
  } catch (const c10::Error& error) {
    throw Napi::Error::New(env, std::string("LibTorch: ") + error.what_without_backtrace());
  } catch (const std::exception& error) {
    throw Napi::Error::New(env, std::string("LibTorch: ") + error.what());
  }
}

class NetworkWrap : public Napi::ObjectWrap<NetworkWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(
        env, "Network",
        {
            InstanceMethod<&NetworkWrap::TrainBatch>("trainBatch"),
            InstanceMethod<&NetworkWrap::SetLearningRate>("setLearningRate"),
            InstanceMethod<&NetworkWrap::Infer>("infer"),
            InstanceMethod<&NetworkWrap::Cam>("cam"),
            InstanceMethod<&NetworkWrap::SaveState>("saveState"),
            InstanceMethod<&NetworkWrap::LoadState>("loadState"),
            InstanceMethod<&NetworkWrap::ParameterVector>("parameterVector"),
            InstanceMethod<&NetworkWrap::ParameterCount>("parameterCount"),
        });
  }

  explicit NetworkWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<NetworkWrap>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsObject()) {
      throw Napi::TypeError::New(env, "Network: expected an options object");
    }
    const Napi::Object options = info[0].As<Napi::Object>();
    guarded(env, [&] {
      config_.spatialDims = static_cast<int>(numberOption(options, "spatialDims", 2));
      config_.inChannels = static_cast<int64_t>(numberOption(options, "inChannels", 1));
      config_.numClasses = static_cast<int64_t>(numberOption(options, "numClasses", 2));
      const Napi::Value stemMaxPool = options.Get("stemMaxPool");
      config_.stemMaxPool = stemMaxPool.IsBoolean() && stemMaxPool.As<Napi::Boolean>().Value();
      if (options.Get("widths").IsArray()) {
        config_.widths = readShape(options.Get("widths"), "widths");
      }
      if (config_.spatialDims != 2 && config_.spatialDims != 3) {
        throw Napi::RangeError::New(env, "Network: spatialDims must be 2 or 3");
      }
      if (config_.widths.size() != 4) {
        throw Napi::RangeError::New(env, "Network: widths must hold 4 stage widths");
      }
      const Napi::Value device = options.Get("device");
      const std::string deviceName =
          device.IsString() ? device.As<Napi::String>().Utf8Value() : "cpu";
      if (deviceName == "cuda" && !torch::cuda::is_available()) {
        throw Napi::Error::New(env,
                               "Network: device cuda requested but this LibTorch sees no CUDA "
                               "device; use device cpu or link a CUDA build of LibTorch");
      }
      device_ = deviceName == "cuda" ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
      torch::manual_seed(static_cast<uint64_t>(numberOption(options, "seed", 0)));

      net_ = radfusion::makeResNet18(config_);
      net_->to(device_);
      torch::optim::AdamWOptions adam(numberOption(options, "learningRate", 1e-3));
      adam.betas({numberOption(options, "beta1", 0.9), numberOption(options, "beta2", 0.999)});
      adam.weight_decay(numberOption(options, "weightDecay", 0.01));
      adam.eps(numberOption(options, "epsilon", 1e-8));
      optimizer_ = std::make_unique<torch::optim::AdamW>(net_->parameters(), adam);
    });
  }

 private:
  // The batch as a tensor on the network's device, checked against the config.
  torch::Tensor batchTensor(Napi::Env env, const Napi::Value& data, const Napi::Value& shapeValue) {
    const std::vector<int64_t> shape = readShape(shapeValue, "shape");
    Napi::Float32Array array = readFloats(data, "images");
    const size_t rank = static_cast<size_t>(config_.spatialDims) + 2;
    if (shape.size() != rank || shape[1] != config_.inChannels) {
      throw Napi::RangeError::New(
          env, "images: expected shape [B, " + std::to_string(config_.inChannels) +
                   (config_.spatialDims == 3 ? ", D, H, W]" : ", H, W]") + ", got [" +
                   shapeText(shape) + "]");
    }
    if (static_cast<size_t>(product(shape)) != array.ElementLength()) {
      throw Napi::RangeError::New(env, "images: shape " + shapeText(shape) + " holds " +
                                           std::to_string(product(shape)) +
                                           " values, the array " +
                                           std::to_string(array.ElementLength()));
    }
    return torch::from_blob(array.Data(), shape, torch::kFloat32)
        .to(device_, torch::kFloat32, /*non_blocking=*/false, /*copy=*/true);
  }

  std::vector<int64_t> spatialDimsOf(const torch::Tensor& t) const {
    std::vector<int64_t> dims;
    for (int64_t d = 2; d < t.dim(); d++) dims.push_back(d);
    return dims;
  }

  // Rectified class activation map of class `classes[b]`, scaled to [0, 1] per
  // case and resized (bilinear / trilinear) to `size`: [B, 1, ...size].
  torch::Tensor classActivationMap(const torch::Tensor& maps, const torch::Tensor& classes,
                                   const std::vector<int64_t>& size) {
    const int64_t batch = maps.size(0);
    std::vector<int64_t> weightShape = {batch, maps.size(1)};
    for (int64_t d = 2; d < maps.dim(); d++) weightShape.push_back(1);
    const torch::Tensor& w = net_->classifier()->weight;
    // Two classes: the weights of the class's log-odds, w_c - w_other, so that
    // the map shows the evidence for that class against the other one.
    const torch::Tensor weights = config_.numClasses == 2
                                      ? w.index_select(0, classes) - w.index_select(0, 1 - classes)
                                      : w.index_select(0, classes);
    torch::Tensor cam = torch::relu((maps * weights.view(weightShape)).sum(1, true));
    const torch::Tensor flat = cam.flatten(1);
    std::vector<int64_t> statShape = {batch, 1};
    for (int64_t d = 2; d < maps.dim(); d++) statShape.push_back(1);
    const torch::Tensor low = std::get<0>(flat.min(1)).view(statShape);
    const torch::Tensor high = std::get<0>(flat.max(1)).view(statShape);
    cam = (cam - low) / (high - low + 1e-6);
    namespace F = torch::nn::functional;
    F::InterpolateFuncOptions resize = F::InterpolateFuncOptions().size(size).align_corners(false);
    if (size.size() == 3) {
      resize.mode(torch::kTrilinear);
    } else {
      resize.mode(torch::kBilinear);
    }
    return F::interpolate(cam, resize);
  }

  // trainBatch(images, shape, masks, labels, {focalGamma, focalAlpha, camDiceWeight})
  //   -> {loss, focalLoss, diceLoss}
  Napi::Value TrainBatch(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    return guarded(env, [&]() -> Napi::Value {
      const torch::Tensor images = batchTensor(env, info[0], info[1]);
      const int64_t batch = images.size(0);
      Napi::Float32Array maskArray = readFloats(info[2], "masks");
      std::vector<int64_t> maskShape = {batch, 1};
      for (int64_t d = 2; d < images.dim(); d++) maskShape.push_back(images.size(d));
      if (static_cast<size_t>(product(maskShape)) != maskArray.ElementLength()) {
        throw Napi::RangeError::New(env, "masks: expected " + std::to_string(product(maskShape)) +
                                             " values (one per image pixel of one channel), got " +
                                             std::to_string(maskArray.ElementLength()));
      }
      if (!info[3].IsTypedArray() ||
          info[3].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array ||
          info[3].As<Napi::Int32Array>().ElementLength() != static_cast<size_t>(batch)) {
        throw Napi::TypeError::New(env, "labels: expected an Int32Array of one label per case");
      }
      Napi::Int32Array labelArray = info[3].As<Napi::Int32Array>();
      for (size_t n = 0; n < labelArray.ElementLength(); n++) {
        if (labelArray[n] < 0 || labelArray[n] >= config_.numClasses) {
          throw Napi::RangeError::New(env, "labels: expected class indices 0.." +
                                               std::to_string(config_.numClasses - 1));
        }
      }
      const Napi::Object options =
          info.Length() > 4 && info[4].IsObject() ? info[4].As<Napi::Object>()
                                                  : Napi::Object::New(env);
      const double gamma = numberOption(options, "focalGamma", 2.0);
      const double alpha = numberOption(options, "focalAlpha", -1.0);
      const double diceWeight = numberOption(options, "camDiceWeight", 0.05);

      const torch::Tensor masks =
          torch::from_blob(maskArray.Data(), maskShape, torch::kFloat32)
              .to(device_, torch::kFloat32, /*non_blocking=*/false, /*copy=*/true);
      const torch::Tensor labels =
          torch::from_blob(labelArray.Data(), {batch}, torch::kInt32).to(device_, torch::kLong);

      net_->train();
      optimizer_->zero_grad();
      const torch::Tensor maps = net_->featureMaps(images);
      const torch::Tensor logits = net_->classifier()->forward(maps.mean(spatialDimsOf(maps)));

      // 1. Focal loss of the true class.
      const torch::Tensor logPt =
          torch::log_softmax(logits, 1).gather(1, labels.unsqueeze(1)).squeeze(1);
      torch::Tensor focalPerCase = -torch::pow(1.0 - logPt.exp(), gamma) * logPt;
      if (alpha >= 0) {
        focalPerCase = focalPerCase * torch::where(labels == 1, torch::full_like(logPt, alpha),
                                                   torch::full_like(logPt, 1.0 - alpha));
      }
      const torch::Tensor focal = focalPerCase.mean();

      // 2. Soft Dice between the true class's CAM and the lesion mask.
      std::vector<int64_t> size(maskShape.begin() + 2, maskShape.end());
      const torch::Tensor cam = classActivationMap(maps, labels, size);
      const torch::Tensor overlap = (cam * masks).flatten(1).sum(1);
      const torch::Tensor total = cam.flatten(1).sum(1) + masks.flatten(1).sum(1);
      const torch::Tensor dice = (1.0 - (2.0 * overlap + 1.0) / (total + 1.0)).mean();

      // 3. One AdamW step on the combined loss.
      const torch::Tensor loss = focal + diceWeight * dice;
      loss.backward();
      optimizer_->step();

      Napi::Object result = Napi::Object::New(env);
      result.Set("loss", loss.item<double>());
      result.Set("focalLoss", focal.item<double>());
      result.Set("diceLoss", dice.item<double>());
      return result;
    });
  }

  Napi::Value SetLearningRate(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const double lr =
        info.Length() > 0 && info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : -1;
    if (!(lr > 0)) throw Napi::RangeError::New(env, "setLearningRate: expected a positive number");
    for (auto& group : optimizer_->param_groups()) {
      static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
    }
    return env.Undefined();
  }

  // infer(images, shape)
  //   -> {probabilities: Float32Array [B, classes], features: Float32Array [B, C]}
  Napi::Value Infer(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    return guarded(env, [&]() -> Napi::Value {
      const torch::Tensor images = batchTensor(env, info[0], info[1]);
      torch::NoGradGuard noGrad;
      net_->eval();
      const torch::Tensor maps = net_->featureMaps(images);
      const torch::Tensor pooled = maps.mean(spatialDimsOf(maps));
      const torch::Tensor probabilities = torch::softmax(net_->classifier()->forward(pooled), 1);
      Napi::Object result = Napi::Object::New(env);
      result.Set("probabilities", toFloat32Array(env, probabilities));
      result.Set("features", toFloat32Array(env, pooled));
      return result;
    });
  }

  // cam(images, shape, classes: Int32Array) -> Float32Array [B, ...input spatial size]
  Napi::Value Cam(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    return guarded(env, [&]() -> Napi::Value {
      const torch::Tensor images = batchTensor(env, info[0], info[1]);
      const int64_t batch = images.size(0);
      if (!info[2].IsTypedArray() ||
          info[2].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array ||
          info[2].As<Napi::Int32Array>().ElementLength() != static_cast<size_t>(batch)) {
        throw Napi::TypeError::New(env, "classes: expected an Int32Array of one class per case");
      }
      Napi::Int32Array classArray = info[2].As<Napi::Int32Array>();
      const torch::Tensor classes =
          torch::from_blob(classArray.Data(), {batch}, torch::kInt32).to(device_, torch::kLong);
      torch::NoGradGuard noGrad;
      net_->eval();
      const torch::Tensor maps = net_->featureMaps(images);
      std::vector<int64_t> size;
      for (int64_t d = 2; d < images.dim(); d++) size.push_back(images.size(d));
      return toFloat32Array(env, classActivationMap(maps, classes, size));
    });
  }

  // saveState() -> Buffer with the weights and batch-norm statistics (torch::save format).
  Napi::Value SaveState(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    return guarded(env, [&]() -> Napi::Value {
      torch::serialize::OutputArchive archive;
      net_->save(archive);
      std::string bytes;
      archive.save_to([&bytes](const void* data, size_t size) -> size_t {
        bytes.append(static_cast<const char*>(data), size);
        return size;
      });
      return Napi::Buffer<char>::Copy(env, bytes.data(), bytes.size());
    });
  }

  Napi::Value LoadState(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsBuffer()) {
      throw Napi::TypeError::New(env, "loadState: expected a Buffer from saveState");
    }
    const Napi::Buffer<char> buffer = info[0].As<Napi::Buffer<char>>();
    return guarded(env, [&]() -> Napi::Value {
      torch::serialize::InputArchive archive;
      archive.load_from(buffer.Data(), buffer.Length(), device_);
      net_->load(archive);
      return env.Undefined();
    });
  }

  // All parameters and buffers, in registration order, as one Float32Array.
  Napi::Value ParameterVector(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    return guarded(env, [&]() -> Napi::Value {
      std::vector<torch::Tensor> parts;
      for (const auto& p : net_->parameters()) {
        parts.push_back(p.detach().flatten().to(torch::kFloat32));
      }
      for (const auto& b : net_->buffers()) {
        parts.push_back(b.detach().flatten().to(torch::kFloat32));
      }
      return toFloat32Array(env, torch::cat(parts));
    });
  }

  Napi::Value ParameterCount(const Napi::CallbackInfo& info) {
    int64_t count = 0;
    for (const auto& p : net_->parameters()) count += p.numel();
    return Napi::Number::New(info.Env(), static_cast<double>(count));
  }

  NetConfig config_;
  torch::Device device_{torch::kCPU};
  std::shared_ptr<Network> net_;
  std::unique_ptr<torch::optim::AdamW> optimizer_;
};

Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  const int threads =
      info.Length() > 0 && info[0].IsNumber() ? info[0].As<Napi::Number>().Int32Value() : 0;
  if (threads < 1) {
    throw Napi::RangeError::New(info.Env(), "setThreads: expected a positive integer");
  }
  torch::set_num_threads(threads);
  return info.Env().Undefined();
}

Napi::Value ManualSeed(const Napi::CallbackInfo& info) {
  const double seed =
      info.Length() > 0 && info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : 0;
  torch::manual_seed(static_cast<uint64_t>(seed));
  return info.Env().Undefined();
}

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object result = Napi::Object::New(env);
  result.Set("torchVersion", std::to_string(TORCH_VERSION_MAJOR) + "." +
                                 std::to_string(TORCH_VERSION_MINOR) + "." +
                                 std::to_string(TORCH_VERSION_PATCH));
  result.Set("threads", torch::get_num_threads());
  result.Set("cudaAvailable", torch::cuda::is_available());
  result.Set("cudaDevices", static_cast<double>(torch::cuda::device_count()));
  return result;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("Network", NetworkWrap::Define(env));
  exports.Set("setThreads", Napi::Function::New(env, SetThreads));
  exports.Set("manualSeed", Napi::Function::New(env, ManualSeed));
  exports.Set("info", Napi::Function::New(env, Info));
  return exports;
}

}  // namespace

NODE_API_MODULE(radfusion_torch, Init)
