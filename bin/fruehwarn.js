#!/usr/bin/env node
// Entry point of the `fruehwarn` command; the compiled CLI lives in dist/ (npm run build).
'use strict';
const path = require('path');
const fs = require('fs');
const compiled = path.join(__dirname, '..', 'dist', 'services', 'cli', 'main.js');
if (!fs.existsSync(compiled)) {
  process.stderr.write('fruehwarn: not built yet; run `npm run build` (npm start does it for you).\n');
  process.exit(1);
}
require(compiled).main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`fruehwarn: ${err && err.message ? err.message : err}\n`);
  process.exit(1);
});
