// Validates Kubernetes objects with the validators kubernetes-models compiles from the Kubernetes
// OpenAPI document (and @kubernetes-models/keda from KEDA's CRDs): required fields, types,
// enumerations and formats. Run by tests/Deployment.Tests (Support/Manifests.cs).
//
//   node k8s-validate.mjs <node_modules dir>  < objects.json  > results.json
//
// Input: a JSON array of objects. Output: a JSON array of the same length, each entry the list of
// "<path>: <message>" errors of that object, or null when no model exists for its kind.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const modules = process.argv[2];
if (!modules) {
  console.error("usage: node k8s-validate.mjs <node_modules dir> < objects.json");
  process.exit(2);
}

// apiVersion "group/version" or "version" (the core group) -> the model's file.
function modelFile(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "keda.sh") {
    return join(modules, "@kubernetes-models/keda", group, version, `${kind}.js`);
  }
  return join(modules, "kubernetes-models", group, version, `${kind}.js`);
}

async function validate(object) {
  let model;
  try {
    model = (await import(pathToFileURL(modelFile(object.apiVersion ?? "", object.kind ?? "")).href))[object.kind];
  } catch (error) {
    if (error.code === "ERR_MODULE_NOT_FOUND") return null;
    throw error;
  }
  if (typeof model !== "function") return null;
  try {
    new model(object).validate();
    return [];
  } catch (error) {
    const details = error.details ?? error.errors;
    if (!Array.isArray(details)) return [String(error.message)];
    return details.map((d) => `${d.instancePath || "/"}: ${d.message}${d.params?.allowedValues ? ` ${JSON.stringify(d.params.allowedValues)}` : ""}`);
  }
}

const objects = JSON.parse(readFileSync(0, "utf8"));
const results = [];
for (const object of objects) {
  results.push(await validate(object));
}
process.stdout.write(JSON.stringify(results));
