// Runs a TypeScript worker file from source (tests only; production runs the compiled dist/).
// Transpiles on require with the project's TypeScript, no type checking.
'use strict';
const path = require('path');
const fs = require('fs');
const ts = require('typescript');
require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true }, fileName: filename });
  module._compile(out.outputText, filename);
};
require(path.join(__dirname, '..', '..', 'services', 'notify', 'webpush', 'push-worker.ts'));
