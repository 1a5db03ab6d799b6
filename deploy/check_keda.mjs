// Validate KEDA resources against the schemas generated from KEDA's own
// CRDs (@kubernetes-models/keda). kubernetes-validate knows only the core
// API, so deploy/check.sh hands the keda.sh documents to this script.
// Usage: node check_keda.mjs FILE... (NODE_PATH: where the packages are)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(process.env.NODE_PATH ?? ".", "x.js"));
const yaml = require("js-yaml");
const modelsDir = path.dirname(require.resolve("@kubernetes-models/keda/package.json"));

let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(readFileSync(file, "utf8"))) {
    if (!doc) continue;
    const name = `${doc.kind}/${doc.metadata?.name}`;
    const [group, version] = String(doc.apiVersion).split("/");
    if (group !== "keda.sh") {
      console.log(`FAIL keda: ${file} ${name}: apiVersion ${doc.apiVersion} is not KEDA's`);
      failed++;
      continue;
    }
    let Model;
    try {
      ({ [doc.kind]: Model } = await import(path.join(modelsDir, group, version, `${doc.kind}.js`)));
    } catch {
      Model = undefined;
    }
    if (!Model) {
      console.log(`FAIL keda: ${file} ${name}: no KEDA schema for ${doc.apiVersion} ${doc.kind}`);
      failed++;
      continue;
    }
    try {
      new Model(doc).validate();
      console.log(`ok   keda: ${file} ${name} (${doc.apiVersion})`);
    } catch (e) {
      console.log(`FAIL keda: ${file} ${name}: ${e.message}`);
      failed++;
    }
  }
}
process.exit(failed ? 1 : 0);
