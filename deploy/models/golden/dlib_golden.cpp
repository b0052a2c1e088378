// Reference face descriptors computed by dlib itself (Debian libdlib-dev 19.24),
// used as golden outputs for Sim2Word's own .dat -> TorchScript converter.
//
// Build:  g++ -O2 -std=c++14 dlib_golden.cpp $(pkg-config --cflags --libs dlib-1) -o dlib_golden
// Run:    dlib_golden MODEL.dat FACES_DIR RAW_OUT_DIR rel/path1.jpg [rel/path2.jpg ...]
//
// For every image it decodes the JPEG with dlib's own loader (libjpeg), writes
// the decoded pixels as raw HWC uint8 RGB to RAW_OUT_DIR/<index>.rgb (so that
// the caller can prove that the Python side decodes to the very same bytes),
// runs the network on the image as is (the johns photos are already 150x150
// dlib face chips) and prints one JSON object per line:
//   {"input": "...", "height": 150, "width": 150, "descriptor": [128 floats]}

#include <dlib/dnn.h>
#include <dlib/image_io.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace golden {
using namespace dlib;

// The network type must mirror the serialised one exactly (dlib stores no
// type information).  Residual unit: two 3x3 convolutions with affine
// (frozen batch-norm) layers; the strided variant pools the shortcut.
template <int K, int S, typename IN>
using conv_pair = affine<con<K, 3, 3, 1, 1, relu<affine<con<K, 3, 3, S, S, IN>>>>>;

template <int K, typename IN>
using unit = relu<add_prev1<conv_pair<K, 1, tag1<IN>>>>;

template <int K, typename IN>
using unit_down = relu<add_prev2<avg_pool<2, 2, 2, 2, skip1<tag2<conv_pair<K, 2, tag1<IN>>>>>>>;

template <typename IN> using stage32  = unit<32, unit<32, unit<32, IN>>>;
template <typename IN> using stage64  = unit<64, unit<64, unit<64, unit_down<64, IN>>>>;
template <typename IN> using stage128 = unit<128, unit<128, unit_down<128, IN>>>;
template <typename IN> using stage256 = unit<256, unit<256, unit_down<256, IN>>>;
template <typename IN> using final256 = unit_down<256, IN>;

using face_net = loss_metric<fc_no_bias<128, avg_pool_everything<
    final256<stage256<stage128<stage64<stage32<
    max_pool<3, 3, 2, 2, relu<affine<con<32, 7, 7, 2, 2,
    input_rgb_image_sized<150>>>>>>>>>>>>>;
}  // namespace golden

int main(int argc, char** argv) {
    if (argc < 5) {
        std::cerr << "usage: " << argv[0] << " MODEL.dat FACES_DIR RAW_OUT_DIR rel.jpg...\n";
        return 2;
    }
    golden::face_net net;
    dlib::deserialize(argv[1]) >> net;
    const std::string faces = argv[2];
    const std::string raw_dir = argv[3];

    for (int i = 4; i < argc; ++i) {
        const std::string rel = argv[i];
        dlib::matrix<dlib::rgb_pixel> img;
        dlib::load_image(img, faces + "/" + rel);
        if (img.nr() != 150 || img.nc() != 150) {
            std::cerr << rel << ": expected a 150x150 face chip, got " << img.nr() << "x" << img.nc() << "\n";
            return 1;
        }
        std::ofstream raw(raw_dir + "/" + std::to_string(i - 4) + ".rgb", std::ios::binary);
        for (long r = 0; r < img.nr(); ++r)
            for (long c = 0; c < img.nc(); ++c) {
                const dlib::rgb_pixel p = img(r, c);
                const char px[3] = {(char)p.red, (char)p.green, (char)p.blue};
                raw.write(px, 3);
            }
        raw.close();

        dlib::matrix<float, 0, 1> d = net(img);
        std::printf("{\"input\": \"%s\", \"height\": %ld, \"width\": %ld, \"descriptor\": [",
                    rel.c_str(), img.nr(), img.nc());
        for (long k = 0; k < d.size(); ++k)
            std::printf(k ? ", %.9g" : "%.9g", d(k));
        std::printf("]}\n");
    }
    return 0;
}
