import { ConfigError } from '../core/config/env';
import { parseArgs } from './args';
import { backtestCommand } from './commands/backtest';
import { envCommand } from './commands/env';
import { generateCommand } from './commands/generate';
import { runCommand } from './commands/run';

const HELP = `fruehwarn <command> [options]

Commands:
  run [--service NAME[,NAME]] [--port N] [--data-dir DIR] [--demo]
                 start services (all by default; embedded bus and store unless configured)
  generate --scenario flood|fire|faults|all [--seed N] [--from ISO] [--out FILE]
                 write a seeded scenario of sensor readings as NDJSON
  backtest       replay recorded readings through a rule set (and compare with another)
  env [--markdown]
                 list every environment variable
  help           this text
`;

type Command = (flags: Record<string, string | boolean>, positional: string[]) => Promise<void> | void;

const COMMANDS: Record<string, Command> = {
  run: (flags) => runCommand(flags),
  env: (flags) => envCommand(flags),
  backtest: async (flags) => {
    await backtestCommand(flags);
  },
  generate: async (flags) => {
    await generateCommand(flags);
  },
  help: () => {
    process.stdout.write(HELP);
  },
};

export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

export async function main(argv: string[]): Promise<void> {
  const { command, flags, positional } = parseArgs(argv);
  if (flags.help) {
    process.stdout.write(HELP);
    return;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`fruehwarn: unknown command "${command}"\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  try {
    await run(flags, positional);
  } catch (err) {
    if (err instanceof ConfigError) {
      // One clear sentence, no stack: the operator has a setting to fix, not a bug to report.
      process.stderr.write(`fruehwarn: configuration error: ${err.message}\n`);
      process.exitCode = 78;
      return;
    }
    throw err;
  }
}
