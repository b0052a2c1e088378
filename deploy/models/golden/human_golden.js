// Reference outputs of @vladmandic/human's BlazeFace, FaceMesh and emotion
// graphs computed by TF.js itself (tfjs-core + tfjs-converter + the pure-JS CPU
// backend, pinned in tfjs/), with human's own preprocessing and, for BlazeFace,
// human's own head concatenation and box decoding (src/face/blazeface.ts,
// facemeshutil.ts, gear/emotion.ts of human 3.3.6), re-typed here. They are the
// golden outputs for Sim2Word's converter (convert/tfjs_ops.py, human_face.py).
//
// Usage: NODE_PATH=<dir with node_modules> node human_golden.js KIND MODEL_DIR IMG.rgb [IMG.rgb ...]
//   KIND is blazeface, facemesh or emotion; MODEL_DIR holds <KIND>.json and its
//   weights; each IMG.rgb is raw HWC uint8 RGB at the model's input size
//   (256, 192 and 64 pixels square), written by make_goldens.py.
// Prints one JSON object per image on stdout.
'use strict';

const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const converter = require('@tensorflow/tfjs-converter');

const SIZES = { blazeface: 256, facemesh: 192, emotion: 64 };
const EMOTION_FEATURES = 'StatefulPartitionedCall/model_1/add_2/add';
const TOP_ANCHORS = 16;

function fileHandler(modelDir, kind) {
  return {
    load: async () => {
      const mj = JSON.parse(fs.readFileSync(path.join(modelDir, `${kind}.json`), 'utf8'));
      const specs = [];
      const buffers = [];
      for (const group of mj.weightsManifest) {
        specs.push(...group.weights);
        for (const p of group.paths) buffers.push(fs.readFileSync(path.join(modelDir, p)));
      }
      const all = Buffer.concat(buffers);
      return {
        modelTopology: mj.modelTopology,
        weightSpecs: specs,
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
        format: mj.format,
        generatedBy: mj.generatedBy,
        convertedBy: mj.convertedBy,
        signature: mj.signature,
      };
    },
  };
}

// human's facemeshutil.generateAnchors for a 256 input: strides 16 and 32, 2 and 6 anchors per cell
function anchors(inputSize) {
  const spec = { strides: [inputSize / 16, inputSize / 8], anchors: [2, 6] };
  const out = [];
  for (let i = 0; i < spec.strides.length; i++) {
    const stride = spec.strides[i];
    const rows = Math.floor((inputSize + stride - 1) / stride);
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < rows; x++) {
        for (let n = 0; n < spec.anchors[i]; n++) out.push([stride * (x + 0.5), stride * (y + 0.5)]);
      }
    }
  }
  return out;
}

function blazeface(model, bytes, size) {
  return tf.tidy(() => {
    const x = tf.tensor4d(Float32Array.from(bytes), [1, size, size, 3], 'float32');
    const normalized = tf.sub(tf.div(x, tf.scalar(127.5)), tf.scalar(1.0));
    const res = model.execute(normalized);
    // human: the four heads sorted by size, [512 anchors ; 384 anchors] x [logit, 16 regressors]
    const sorted = res.slice().sort((a, b) => a.size - b.size);
    const concat384 = tf.concat([sorted[0], sorted[2]], 2);
    const concat512 = tf.concat([sorted[1], sorted[3]], 2);
    const batch = tf.squeeze(tf.concat([concat512, concat384], 1), [0]);
    const raw = batch.arraySync();                       // [896][17]
    const anc = anchors(size);
    const logits = raw.map((r) => r[0]);
    const order = logits.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]).slice(0, TOP_ANCHORS).map((p) => p[1]);
    const top = order.map((i) => {
      const r = raw[i];
      // decodeBoxes: centre = offset + anchor, size = raw size, all in input pixels
      const cx = r[1] + anc[i][0];
      const cy = r[2] + anc[i][1];
      const box = [cx - r[3] / 2, cy - r[4] / 2, cx + r[3] / 2, cy + r[4] / 2];
      const keypoints = [];
      for (let k = 0; k < 6; k++) keypoints.push([r[5 + 2 * k] + anc[i][0], r[6 + 2 * k] + anc[i][1]]);
      return { anchor: i, raw: r, score: 1 / (1 + Math.exp(-r[0])), box, keypoints };
    });
    return { logits, top };
  });
}

function facemesh(model, bytes, size) {
  return tf.tidy(() => {
    const x = tf.div(tf.tensor4d(Float32Array.from(bytes), [1, size, size, 3], 'float32'), tf.scalar(255.0));
    const [mesh, flag] = model.execute(x, ['Identity_2', 'Identity_1']);
    return { mesh: Array.from(mesh.dataSync()), faceflag: flag.dataSync()[0] };
  });
}

function emotion(model, bytes, size) {
  return tf.tidy(() => {
    const x = tf.div(tf.tensor4d(Float32Array.from(bytes), [1, size, size, 3], 'float32'), tf.scalar(255.0));
    // human (gear/emotion.ts): weighted grey, then (g - 0.5) * 2
    const grey = tf.sum(tf.mul(x, tf.tensor1d([0.2989, 0.5870, 0.1140], 'float32')), 3, true);
    const input = tf.mul(tf.sub(grey, tf.scalar(0.5)), tf.scalar(2.0));
    const [probs, feats] = model.execute(input, ['Identity', EMOTION_FEATURES]);
    const f = feats.dataSync();                           // NHWC [1,8,8,256]
    let fsum = 0;
    for (let i = 0; i < f.length; i++) fsum += f[i];
    const c = feats.shape[3];
    const ch0 = [];
    for (let i = 0; i < f.length / c; i++) ch0.push(f[i * c]);
    return { probabilities: Array.from(probs.dataSync()), features_shape_nhwc: feats.shape, features_sum: fsum,
             features_channel0: ch0 };
  });
}

async function main() {
  const [kind, modelDir, ...inputs] = process.argv.slice(2);
  if (!SIZES[kind] || !modelDir || inputs.length === 0) {
    console.error('usage: node human_golden.js blazeface|facemesh|emotion MODEL_DIR IMG.rgb...');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  await tf.ready();
  const model = await converter.loadGraphModel(fileHandler(modelDir, kind));
  const size = SIZES[kind];
  const run = { blazeface, facemesh, emotion }[kind];
  for (const file of inputs) {
    const bytes = fs.readFileSync(file);
    if (bytes.length !== size * size * 3) throw new Error(`${file}: expected ${size}x${size}x3 bytes`);
    const outputs = run(model, bytes, size);
    const out = { rgb: path.basename(file), tfjs: { backend: tf.getBackend(), version: tf.version_core }, outputs };
    process.stdout.write(JSON.stringify(out) + '\n');
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
