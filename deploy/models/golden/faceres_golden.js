// Reference outputs of HSE FaceRes computed by TF.js itself (tfjs-core +
// tfjs-converter + the pure-JS CPU backend, versions pinned in tfjs/), used as
// golden outputs for Sim2Word's own TF.js-graph -> TorchScript converter.
//
// Usage: NODE_PATH=<dir with node_modules> node faceres_golden.js MODEL_DIR IMG.rgb [IMG.rgb ...]
//   MODEL_DIR holds faceres.json and its weight shard(s) from @vladmandic/human.
//   Each IMG.rgb is a raw 224x224x3 uint8 RGB image (HWC), written by
//   make_goldens.py, fed as float32 0..255 NHWC exactly as human feeds it.
// Prints one JSON object per image on stdout.
'use strict';

const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const converter = require('@tensorflow/tfjs-converter');

const FEATURES = 'conv_pw_13_relu/clip_by_value';
const OUTPUTS = ['global_pooling/Mean', 'gender_pred/BiasAdd', 'gender_pred/Sigmoid', 'age_pred/Softmax', FEATURES];

function fileHandler(modelDir) {
  // In-memory IOHandler: tfjs-core alone has no file:// loader in Node.
  return {
    load: async () => {
      const mj = JSON.parse(fs.readFileSync(path.join(modelDir, 'faceres.json'), 'utf8'));
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

async function main() {
  const [modelDir, ...inputs] = process.argv.slice(2);
  if (!modelDir || inputs.length === 0) {
    console.error('usage: node faceres_golden.js MODEL_DIR IMG.rgb...');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  await tf.ready();
  const model = await converter.loadGraphModel(fileHandler(modelDir));
  for (const file of inputs) {
    const bytes = fs.readFileSync(file);
    if (bytes.length !== 224 * 224 * 3) throw new Error(`${file}: expected 224x224x3 bytes`);
    const x = tf.tensor4d(Float32Array.from(bytes), [1, 224, 224, 3], 'float32');
    const [emb, logit, pmale, age, feats] = model.execute(x, OUTPUTS);
    const e = Array.from(emb.dataSync());
    const f = feats.dataSync();                     // NHWC [1,7,7,1024]
    let fsum = 0;
    for (let i = 0; i < f.length; i++) fsum += f[i];
    const ch0 = [];
    for (let i = 0; i < 49; i++) ch0.push(f[i * 1024]);
    const out = {
      rgb: path.basename(file),
      tfjs: { backend: tf.getBackend(), version: tf.version_core },
      outputs: {
        embedding: e,
        embedding_l2: Math.sqrt(e.reduce((s, v) => s + v * v, 0)),
        gender_logit: logit.dataSync()[0],
        p_male: pmale.dataSync()[0],
        age: Array.from(age.dataSync()),
        features_shape_nhwc: feats.shape,
        features_sum: fsum,
        features_channel0: ch0,
      },
    };
    process.stdout.write(JSON.stringify(out) + '\n');
    tf.dispose([x, emb, logit, pmale, age, feats]);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
