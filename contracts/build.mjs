// Compiles every .sol file under src/ and test/ with the pinned solcjs (package.json) and
// writes one artifact per deployable contract to artifacts/<Name>.json, in the shape alloy's
// `sol!(Name, "artifacts/Name.json")` reads: {"abi": [...], "bytecode": {"object": "0x…"}, …}.
//
//   node contracts/build.mjs           rebuild the artifacts
//   node contracts/build.mjs --check   rebuild in memory; exit 1 naming any stale artifact
//
// The output is deterministic (sorted keys, two-space indent, trailing newline), so the
// committed artifacts are exactly what this script produces from the committed sources.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync, rmSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const HERE = dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = join(HERE, "artifacts");
const SOURCE_DIRS = ["src", "test"];
// Cancun is what mainnet and the L2s we would use run, and gives `transient` storage.
const SETTINGS = {
  evmVersion: "cancun",
  optimizer: { enabled: true, runs: 200 },
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
};

const require = createRequire(import.meta.url);
let solc;
try {
  solc = require("solc");
} catch {
  fail("solc is not installed: run `npm ci` in contracts/ (or scripts/ensure-services.sh --eth)");
}

function fail(message) {
  console.error(`build.mjs: ${message}`);
  process.exit(1);
}

function solFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return solFiles(path);
      return entry.name.endsWith(".sol") ? [path] : [];
    })
    .sort();
}

/// Source unit names are paths relative to contracts/ with forward slashes, so the metadata
/// (and with it the bytecode) is the same wherever the repository is checked out.
function unitName(path) {
  return relative(HERE, path).split(sep).join("/");
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys(value[key])]),
    );
  }
  return value;
}

function compile() {
  const sources = {};
  for (const dir of SOURCE_DIRS) {
    for (const path of solFiles(join(HERE, dir))) {
      sources[unitName(path)] = { content: readFileSync(path, "utf8") };
    }
  }
  const input = { language: "Solidity", sources, settings: SETTINGS };
  // Every source is passed in; an import of anything else is an error, never a download.
  const findImports = (path) => {
    const file = join(HERE, path);
    return existsSync(file) ? { contents: readFileSync(file, "utf8") } : { error: `not found: ${path}` };
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));

  const problems = output.errors ?? [];
  for (const problem of problems) console.error(problem.formattedMessage.trimEnd());
  if (problems.some((p) => p.severity === "error")) fail("compilation failed");

  const version = solc.version();
  const artifacts = new Map();
  for (const [sourceName, contracts] of Object.entries(output.contracts ?? {})) {
    for (const [name, contract] of Object.entries(contracts)) {
      const bytecode = contract.evm.bytecode.object;
      // Interfaces and abstract contracts have nothing to deploy.
      if (!bytecode) continue;
      if (artifacts.has(name)) fail(`two contracts are named ${name}`);
      const artifact = sortKeys({
        contractName: name,
        sourceName,
        compiler: { version, settings: { evmVersion: SETTINGS.evmVersion, optimizer: SETTINGS.optimizer } },
        abi: contract.abi,
        bytecode: { object: `0x${bytecode}` },
        deployedBytecode: { object: `0x${contract.evm.deployedBytecode.object}` },
      });
      artifacts.set(name, `${JSON.stringify(artifact, null, 2)}\n`);
    }
  }
  return artifacts;
}

/// A path as the person at the repository root typed it: contracts/artifacts/X.json.
function shown(path) {
  return relative(join(HERE, ".."), path).split(sep).join("/");
}

const check = process.argv.includes("--check");
const artifacts = compile();
const existing = existsSync(ARTIFACTS) ? readdirSync(ARTIFACTS).filter((f) => f.endsWith(".json")) : [];
const wanted = new Set([...artifacts.keys()].map((name) => `${name}.json`));

if (check) {
  const stale = [];
  for (const [name, text] of artifacts) {
    const file = join(ARTIFACTS, `${name}.json`);
    if (!existsSync(file)) stale.push(`${shown(file)} (missing)`);
    else if (readFileSync(file, "utf8") !== text) stale.push(`${shown(file)} (differs from the sources)`);
  }
  for (const file of existing) {
    if (!wanted.has(file)) stale.push(`${shown(join(ARTIFACTS, file))} (no contract of that name)`);
  }
  if (stale.length > 0) {
    fail(`stale artifacts, run \`node contracts/build.mjs\` and commit:\n  ${stale.join("\n  ")}`);
  }
  console.log(`build.mjs: ${artifacts.size} artifacts up to date (solc ${solc.version()})`);
} else {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const file of existing) {
    if (!wanted.has(file)) rmSync(join(ARTIFACTS, file));
  }
  for (const [name, text] of artifacts) writeFileSync(join(ARTIFACTS, `${name}.json`), text);
  console.log(`build.mjs: wrote ${artifacts.size} artifacts to contracts/artifacts (solc ${solc.version()})`);
}
