/** `fruehwarn <command> [--flag value] [--switch] [positional...]`; `--flag=value` works too. */
export interface ParsedArgs {
  command: string;
  flags: Record<string, string | boolean>;
  positional: string[];
}

const SWITCHES = new Set(['demo', 'help', 'json', 'no-demo']);

export function parseArgs(argv: string[]): ParsedArgs {
  const flags: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) {
        flags[arg.slice(2, eq)] = arg.slice(eq + 1);
        continue;
      }
      const name = arg.slice(2);
      const next = argv[i + 1];
      if (SWITCHES.has(name) || next === undefined || next.startsWith('--')) flags[name] = true;
      else {
        flags[name] = next;
        i++;
      }
    } else if (arg === '-h') flags.help = true;
    else positional.push(arg);
  }
  const command = positional.shift() ?? 'run';
  return { command, flags, positional };
}
