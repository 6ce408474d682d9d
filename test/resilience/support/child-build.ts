/**
 * The services under test run as real child processes (`fruehwarn run --service ...`), so they
 * need compiled JavaScript. dist/ belongs to `npm run build`, which other people run in the same
 * checkout; these tests compile the CLI into .cache/resilience-dist instead (only what
 * services/cli/main.ts imports), and only when a source file is newer than the last build.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..', '..');
export const CHILD_DIST = path.join(ROOT, '.cache', 'resilience-dist');
const STAMP = path.join(CHILD_DIST, '.built');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Compiles the CLI unless the build is newer than every source under services/. */
export function buildChild(): void {
  const stamp = fs.existsSync(STAMP) ? fs.statSync(STAMP).mtimeMs : 0;
  if (stamp > newestSource(path.join(ROOT, 'services'))) return;
  fs.mkdirSync(CHILD_DIST, { recursive: true });
  const tsconfig = path.join(CHILD_DIST, 'tsconfig.json');
  fs.writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(ROOT, 'tsconfig.json'),
      compilerOptions: { outDir: CHILD_DIST, rootDir: ROOT, types: ['node'], sourceMap: false, noUnusedLocals: false },
      files: [path.join(ROOT, 'services', 'cli', 'main.ts')],
      include: [],
    }),
  );
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], { encoding: 'utf8' });
  // Type errors in files other people are still writing must not stop these tests: tsc emits anyway.
  if (!fs.existsSync(path.join(CHILD_DIST, 'services', 'cli', 'main.js'))) throw new Error(`Compiling the CLI failed:\n${tsc.stdout}${tsc.stderr}`);
  // The codec looks for schemas/ beside the compiled tree.
  const schemas = path.join(CHILD_DIST, 'schemas');
  if (!fs.existsSync(schemas)) fs.symlinkSync(path.join(ROOT, 'schemas'), schemas);
  fs.writeFileSync(STAMP, new Date().toISOString());
}

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote (structured log lines). */
  output(): string;
  exited: Promise<number | null>;
}

/** `fruehwarn run` in a child process, with the given environment on top of a quiet default. */
export function runServices(env: Record<string, string>): ServiceProcess {
  let output = '';
  const child = spawn(process.execPath, ['-e', `require(${JSON.stringify(path.join(CHILD_DIST, 'services', 'cli', 'main.js'))}).main(['run']).catch((e) => { console.error(e); process.exit(1); })`], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HTTP_HOST: '127.0.0.1',
      FRUEHWARN_DATA_DIR: 'none',
      FRUEHWARN_RULES_DIR: path.join(ROOT, 'rules'),
      FRUEHWARN_CATALOGUE: path.join(ROOT, 'rules', 'catalogue.yaml'),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Also in a file, for a look at a child that hangs the test.
  const logFile = path.join(CHILD_DIST, `child-${child.pid}.log`);
  const append = (d: Buffer) => {
    output += d.toString();
    fs.appendFileSync(logFile, d);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => output, exited };
}
